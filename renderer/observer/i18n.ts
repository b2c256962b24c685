/**
 * The observer page's own strings, English and Japanese. A plain dictionary instead of
 * i18next keeps the page's script small on a phone over school Wi-Fi; the type makes a
 * key missing in Japanese a compile error, and a unit test checks the placeholders match.
 */

export const languages = ['en', 'ja'] as const;
export type Language = (typeof languages)[number];

const en = {
  appTitle: 'Lesson observation',
  language: 'Language',
  loading: 'Loading…',

  joinHeading: 'Join the research lesson',
  joinIntro: 'Your notes go to the facilitator’s laptop as you write them.',
  deviceName: 'Your name or this device’s name',
  deviceNameHint: 'The facilitator sees this when approving you, e.g. “Aiko’s iPad”.',
  joinCode: 'Join code',
  joinCodeHint: 'Six letters and digits, shown on the facilitator’s screen.',
  joinWithLink: 'You opened the invitation link, so no code is needed.',
  joinButton: 'Join',
  joining: 'Joining…',
  errorNameMissing: 'Name this device so the facilitator knows who it is.',
  errorCodeFormat: 'A join code has six letters and digits.',
  errorWrongCode: 'That join code is not right, or the invitation has ended. Check the code on the facilitator’s screen.',
  errorThrottled: 'Too many tries. Wait a minute, then try again.',
  errorUnreachable: 'This device cannot reach the facilitator’s laptop.',
  errorUnreachableHint:
    'School Wi-Fi often keeps devices apart. Ask the facilitator to turn on the laptop’s hotspot, join that network, and open the address again.',
  errorServer: 'The facilitator’s laptop could not take the request ({detail}). Try again.',

  waitingHeading: 'Waiting for approval',
  waitingText: 'Ask the facilitator to approve “{name}”.',
  connecting: 'Connecting to the facilitator’s laptop…',
  removedHeading: 'This device was removed',
  removedText: 'The facilitator removed this device from the lesson. Ask them if you should join again.',
  endedHeading: 'The observation has ended',
  endedText: 'Thank you for observing. The facilitator has ended this session.',
  refusedHeading: 'Please join again',
  refusedText: 'The facilitator’s laptop no longer knows this device.',
  joinAgain: 'Join again',
  strandedOne: '1 note on this device has not reached the facilitator.',
  strandedMany: '{count} notes on this device have not reached the facilitator.',
  strandedHint: 'They are sent when you join this lesson again. If that is not possible, save them to a file and give it to the facilitator (“Import observation packs” on the Observe screen).',
  saveNotes: 'Save my notes to a file',
  savedNotesOne: 'Saved: 1 note in a file in your downloads.',
  savedNotes: 'Saved: {count} notes in a file in your downloads.',

  offline: 'Offline — notes are kept on this device and sent when the connection returns.',
  pendingOne: '1 note waiting to send',
  pendingMany: '{count} notes waiting to send',
  allSent: 'All notes sent',

  lessonClock: 'Lesson time',
  clockNotStarted: 'Not started',
  clockPaused: 'Paused',
  stepOf: 'Step {n} of {total}',
  stepNow: 'Now: step {n}, {title}',
  noSteps: 'This lesson has no steps.',
  anticipated: 'Anticipated responses',
  pointsToNotice: 'Points to notice',
  pointHint: 'Tap a point to tag your note with it.',
  anticipatedHint: 'Tap a response you saw to tag your note with it.',
  classMode: 'The class works',
  classModeSaved: 'Class mode set: {mode}',
  'mode.whole-class': 'as a whole class',
  'mode.pairs': 'in pairs',
  'mode.small-groups': 'in small groups',
  'mode.individual': 'individually',
  codebook: 'Codes',
  seating: 'Whom is this about?',
  seatingHint: 'Tap a seat for one student; tap several for a pair or a table. Nothing selected means the whole class.',
  focusStudent: 'focus student',
  notSeated: 'Not on the seating chart',
  seatingScroll: 'Scroll sideways for more seats',
  wholeClass: 'Whole class',
  nameSeparator: ', ',
  targetIs: 'About: {target}',
  clearTarget: 'Whole class',
  note: 'Note',
  notePlaceholder: 'What did the students say or do? Quotes welcome.',
  startedAt: 'Started at {time} in step {step}',
  save: 'Save note',
  saved: 'Note saved',
  cancelEdit: 'Cancel',
  saveEdit: 'Save changes',
  camera: 'Take photo',
  photoAdded: 'Photo added',
  photoFailed: 'This photo could not be read. Try again.',
  removePhoto: 'Remove photo {n}',
  photoAlt: 'Photo {n} for this note',
  myNotes: 'My notes',
  noNotes: 'No notes yet.',
  edit: 'Edit',
  delete: 'Delete',
  confirmDelete: 'Delete this note?',
  statusSent: 'Sent',
  statusWaiting: 'Waiting to send',
  statusRefused: 'Not accepted: {message}',
  photoOne: '1 photo',
  photos: '{count} photos',
  editingNote: 'Editing a note',
} as const;

export type MessageKey = keyof typeof en;

const ja: Record<MessageKey, string> = {
  appTitle: '授業観察',
  language: '言語',
  loading: '読み込み中…',

  joinHeading: '研究授業に参加する',
  joinIntro: '書いた記録は、書いたそばからファシリテーターのパソコンに届きます。',
  deviceName: 'あなたの名前またはこの端末の名前',
  deviceNameHint: '承認するときにファシリテーターに表示されます（例：「あいこのiPad」）。',
  joinCode: '参加コード',
  joinCodeHint: 'ファシリテーターの画面に表示されている英数字6文字です。',
  joinWithLink: '招待リンクから開いたので、コードは不要です。',
  joinButton: '参加する',
  joining: '参加しています…',
  errorNameMissing: 'ファシリテーターが分かるように、この端末の名前を入力してください。',
  errorCodeFormat: '参加コードは英数字6文字です。',
  errorWrongCode: '参加コードが違うか、招待が終了しています。ファシリテーターの画面のコードを確認してください。',
  errorThrottled: '試行回数が多すぎます。1分ほど待ってから、もう一度お試しください。',
  errorUnreachable: 'この端末からファシリテーターのパソコンに接続できません。',
  errorUnreachableHint:
    '学校のWi-Fiでは端末どうしが通信できないことがよくあります。ファシリテーターにパソコンのテザリング（ホットスポット）をオンにしてもらい、そのネットワークに接続してから、もう一度アドレスを開いてください。',
  errorServer: 'ファシリテーターのパソコンが要求を受け付けませんでした（{detail}）。もう一度お試しください。',

  waitingHeading: '承認を待っています',
  waitingText: 'ファシリテーターに「{name}」を承認するよう伝えてください。',
  connecting: 'ファシリテーターのパソコンに接続しています…',
  removedHeading: 'この端末は外されました',
  removedText: 'ファシリテーターがこの端末を授業から外しました。もう一度参加するかどうか、ファシリテーターに確認してください。',
  endedHeading: '観察は終了しました',
  endedText: '観察ありがとうございました。ファシリテーターがこのセッションを終了しました。',
  refusedHeading: 'もう一度参加してください',
  refusedText: 'ファシリテーターのパソコンがこの端末を認識していません。',
  joinAgain: 'もう一度参加する',
  strandedOne: 'この端末に、ファシリテーターに届いていない記録が1件あります。',
  strandedMany: 'この端末に、ファシリテーターに届いていない記録が{count}件あります。',
  strandedHint: 'この授業にもう一度参加すると送信されます。参加できない場合は、ファイルに保存してファシリテーターに渡してください（観察画面の「観察記録パックを取り込む」）。',
  saveNotes: '記録をファイルに保存',
  savedNotesOne: '保存しました：記録1件をダウンロードフォルダーのファイルに保存しました。',
  savedNotes: '保存しました：記録{count}件をダウンロードフォルダーのファイルに保存しました。',

  offline: 'オフラインです。記録はこの端末に保存され、接続が戻ると送信されます。',
  pendingOne: '送信待ちの記録が1件あります',
  pendingMany: '送信待ちの記録が{count}件あります',
  allSent: 'すべての記録を送信しました',

  lessonClock: '授業時間',
  clockNotStarted: '開始前',
  clockPaused: '一時停止中',
  stepOf: '段階 {n}/{total}',
  stepNow: '現在：段階{n}「{title}」',
  noSteps: 'この授業には段階がありません。',
  anticipated: '予想される児童・生徒の反応',
  pointsToNotice: '見取りの視点',
  pointHint: '視点をタップすると、記録にその視点のタグが付きます。',
  anticipatedHint: '見られた反応をタップすると、記録にその反応のタグが付きます。',
  classMode: '学習形態',
  classModeSaved: '学習形態を記録しました：{mode}',
  'mode.whole-class': '一斉',
  'mode.pairs': 'ペア',
  'mode.small-groups': 'グループ',
  'mode.individual': '個人',
  codebook: 'コード',
  seating: '誰についての記録ですか？',
  seatingHint: '席をタップすると一人の児童・生徒、複数タップするとペアや班になります。何も選ばなければ学級全体です。',
  focusStudent: '抽出児',
  notSeated: '座席表にない児童・生徒',
  seatingScroll: '横にスクロールすると残りの席が見えます',
  wholeClass: '学級全体',
  nameSeparator: '、',
  targetIs: '対象：{target}',
  clearTarget: '学級全体',
  note: '記録',
  notePlaceholder: '児童・生徒は何と言い、何をしましたか？発言のそのままの記録も歓迎です。',
  startedAt: '{time}（段階{step}）に書き始め',
  save: '記録を保存',
  saved: '記録を保存しました',
  cancelEdit: 'キャンセル',
  saveEdit: '変更を保存',
  camera: '写真を撮る',
  photoAdded: '写真を追加しました',
  photoFailed: 'この写真を読み込めませんでした。もう一度お試しください。',
  removePhoto: '写真{n}を外す',
  photoAlt: 'この記録の写真{n}',
  myNotes: '自分の記録',
  noNotes: 'まだ記録はありません。',
  edit: '編集',
  delete: '削除',
  confirmDelete: 'この記録を削除しますか？',
  statusSent: '送信済み',
  statusWaiting: '送信待ち',
  statusRefused: '受け付けられませんでした：{message}',
  photoOne: '写真1枚',
  photos: '写真{count}枚',
  editingNote: '記録を編集中',
};

export const dictionaries: Record<Language, Record<MessageKey, string>> = { en, ja };

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export const translator =
  (language: Language): Translate =>
  (key, vars) =>
    dictionaries[language][key].replace(/\{(\w+)\}/g, (whole, name: string) => (vars && name in vars ? String(vars[name]) : whole));

/** The saved choice if there is one, else the device's first language we speak, else English. */
export const pickLanguage = (saved: string | null, deviceLanguages: readonly string[]): Language => {
  if (saved === 'en' || saved === 'ja') return saved;
  for (const tag of deviceLanguages) {
    const base = tag.toLowerCase().split('-')[0];
    if (base === 'ja') return 'ja';
    if (base === 'en') return 'en';
  }
  return 'en';
};

export const pendingLabel = (t: Translate, count: number): string =>
  count === 0 ? t('allSent') : count === 1 ? t('pendingOne') : t('pendingMany', { count });
