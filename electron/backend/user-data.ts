import { homedir, hostname, userInfo } from 'node:os';
import * as path from 'node:path';

/** The desktop app's own folder (Electron's userData), so both find the same workspace and preferences. */
export const defaultUserDataDir = (env: NodeJS.ProcessEnv = process.env, platform = process.platform, home = homedir()): string => {
  if (env.LESSON_STUDY_USER_DATA) return path.resolve(env.LESSON_STUDY_USER_DATA);
  const product = 'Lesson Study Desktop';
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), product);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', product);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), product);
};

/** What the other laptops see: "Ana's computer". */
export const defaultDeviceLabel = (): string => {
  const user = userInfo().username;
  return user ? `${user.charAt(0).toUpperCase()}${user.slice(1)}'s computer` : hostname();
};
