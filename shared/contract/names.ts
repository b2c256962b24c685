/**
 * The channel names, written out: what the preload needs to expose one named function
 * per channel without bundling zod and every schema (the contract itself stays the one
 * source of truth — `test/unit/contract-names.test.ts` fails when the two differ).
 */
export const CHANNEL_NAMES = [
  'getPreferences',
  'updatePreferences',
  'listRecentWorkspaces',
  'chooseWorkspaceFolder',
  'openRecentWorkspace',
  'openDefaultWorkspace',
  'openWorkspaceAnyway',
  'openSampleWorkspace',
  'setMenuContext',
  'shareWorkspace',
  'setDeviceLabel',
  'getWorkspace',
  'listNotices',
  'dismissNotice',
  'listGroups',
  'getGroup',
  'createGroup',
  'updateGroup',
  'deleteGroup',
  'listDesigns',
  'getDesign',
  'createDesign',
  'saveDraft',
  'saveVersion',
  'reviseFromVersion',
  'discardDraft',
  'compareVersions',
  'copyDesignToGroup',
  'deleteDesign',
  'exportDesignFile',
  'importDesignFile',
  'exportLessonPlanDocx',
  'exportComparisonDocx',
  'openExportedFile',
  'showExportedFile',
  'listCycles',
  'getCycle',
  'createCycle',
  'updateCycleInfo',
  'deleteCycle',
  'startReteach',
  'listTeachableVersions',
  'chooseVersion',
  'setRevisedVersion',
  'setCloseWithoutRevision',
  'moveCycle',
  'setChecklistItem',
  'addChecklistItem',
  'saveTeaching',
  'setDiscussionDate',
  'saveMeeting',
  'deleteMeeting',
  'saveReflection',
  'saveFocusStudent',
  'saveChecklistTemplate',
  'getObservationSession',
  'getObservationChanges',
  'saveObservation',
  'deleteObservation',
  'restoreObservation',
  'saveClassMode',
  'deleteClassMode',
  'attachPhotosFromDialog',
  'attachPhotoBytes',
  'getPhotoDataUrl',
  'exportObservationPack',
  'importObservationPacks',
  'exportObservationsCsv',
  'addCode',
  'updateCode',
  'moveCode',
  'saveSeatingChart',
  'saveDiscussionProtocol',
  'getCycleEvidence',
  'getAnalysis',
  'updateDiscussionSegment',
  'runSegmentTimer',
  'changeSpeakingQueue',
  'setDiscussionEnded',
  'setCurrentSegment',
  'setFinalComments',
  'createFinding',
  'updateFinding',
  'deleteFinding',
  'linkToFinding',
  'unlinkFromFinding',
  'proposeChangeFromFinding',
  'recordStudentResponse',
  'resolveEvidence',
  'exportCycleReport',
  'exportThemeReport',
  'openExport',
  'showExportInFolder',
  'listKeptFiles',
  'listKeptCopies',
  'restoreKeptCopy',
  'listTrash',
  'restoreFromTrash',
  'openCaptureSession',
  'getCaptureStatus',
  'approveDevice',
  'removeDevice',
  'endCaptureSession',
  'setLessonClock',
  'getLessonClock',
  'getSharing',
  'resolveSharedConflict',
] as const;

export const API_GLOBAL = 'lessonStudy';

/** The string Electron routes on. Only the contract and its derivations spell it. */
export const ipcChannel = (name: string): string => `lesson-study:${name}`;

/** The native menu's commands (app.ts builds the MenuAction schema from this list). */
export const MENU_COMMANDS = [
  'new-group',
  'new-cycle',
  'open-workspace',
  'open-sample',
  'export-report',
  'export-lesson-plan',
  'print',
  'preferences',
  'command-palette',
  'show-shortcuts',
  'show-tour',
  'about',
  'undo',
  'redo',
] as const;
const MENU_COMMAND_SET: ReadonlySet<string> = new Set(MENU_COMMANDS);

/**
 * A native-menu command as the page may receive it, or null — without zod (the preload
 * runs it): the same rule as `MenuAction` in app.ts (which the tests compare it with),
 * keeping only the known fields.
 */
export const toMenuAction = (value: unknown): { type: string; path?: string } | null => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const action = value as Record<string, unknown>;
  if (action.type === 'open-recent') {
    return typeof action.path === 'string' && action.path.length >= 1 && action.path.length <= 4096 ? { type: 'open-recent', path: action.path } : null;
  }
  return typeof action.type === 'string' && MENU_COMMAND_SET.has(action.type) ? { type: action.type } : null;
};

/**
 * Channels whose backend opens a dialog to choose files, with what the dialog accepts.
 * In a browser there is no such dialog in the backend: the page's transport shows its
 * own file picker first and uploads the files for the call (electron/backend/doors).
 */
export const FILE_OPENING_CHANNELS: Readonly<Partial<Record<(typeof CHANNEL_NAMES)[number], { accept: readonly string[]; multiple: boolean }>>> = {
  importDesignFile: { accept: ['.json'], multiple: false },
  importObservationPacks: { accept: ['.json'], multiple: true },
  attachPhotosFromDialog: { accept: ['.png', '.jpg', '.jpeg', '.gif', '.webp'], multiple: true },
};

/**
 * What the browser transport adds to the api object (renderer/api/http-transport.ts).
 * The preload adds nothing, so an absent `shell` means the desktop window (or a test bridge).
 */
export interface BrowserShell {
  shell: 'browser';
  /** `chooseWorkspaceFolder` with the folder the user typed in the page's own dialog. */
  chooseWorkspaceFolderAt(folder: string): Promise<{ ok: true; value: unknown } | { ok: false; error: { code: string; message: string } }>;
}
