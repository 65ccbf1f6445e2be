/**
 * Is the data folder a safe place for the database? SQLite's locking and WAL need a local disk: on a network share
 * two machines can open the file at once and locks are unreliable; a cloud-sync client may copy the database file in
 * the middle of a write or "resolve a conflict" by keeping an older copy. This module recognises both from the path
 * (plus, optionally, what the host could learn about the folder) and says so. Pure: no file system access.
 */

/** A cloud-sync service recognised from a folder name; `label` is what the warning shows (Chinese names as used). */
export interface CloudService {
  label: string;
  /** Matches one path segment (case-insensitive where the pattern says so). */
  segment: RegExp;
}

/**
 * *rule* Folder names that sync clients create by default (Windows, macOS, Linux), one pattern per path segment.
 * Sources: the services' own default locations — OneDrive (`OneDrive`, `OneDrive - <Org>`, macOS
 * `~/Library/CloudStorage/OneDrive-<Org>`), Dropbox (`Dropbox`, `Dropbox (<Team>)`), iCloud Drive (Windows
 * `iCloudDrive`, macOS `~/Library/Mobile Documents/com~apple~CloudDocs`), Google Drive (`Google Drive`,
 * `GoogleDrive-<account>`, `My Drive` / `我的云端硬盘`), 坚果云 Nutstore (`Nutstore`, `Nutstore Files`, `我的坚果云`),
 * 百度网盘同步空间 (`BaiduSyncdisk`, `百度网盘同步空间`, `百度云同步盘`).
 */
export const CLOUD_SERVICES: readonly CloudService[] = [
  { label: 'OneDrive', segment: /^onedrive(?:\s+-\s+.+)?$/i },
  { label: 'Dropbox', segment: /^dropbox(?:\s*\(.+\))?$/i },
  { label: 'iCloud Drive', segment: /^(?:icloud\s?drive|com~apple~clouddocs|mobile documents)$/i },
  { label: 'Google Drive', segment: /^(?:google\s?drive(?:-.+)?|googledrive-.+|my drive|我的云端硬盘)$/i },
  { label: '坚果云', segment: /^(?:nutstore(?: files)?|我的坚果云|坚果云)$/i },
  { label: '百度网盘', segment: /^(?:baidusyncdisk|百度网盘同步空间|百度云同步盘)$/i },
];

/**
 * *rule* Linux `statfs` f_type values of network file systems (linux/magic.h): NFS, SMB, CIFS, SMB2, AFS, NCP,
 * Coda, 9P (used by WSL's Windows drives and VM shares), Ceph.
 */
export const NETWORK_FS_TYPES: ReadonlyMap<number, string> = new Map([
  [0x6969, 'NFS'],
  [0x517b, 'SMB'],
  [0xff534d42, 'CIFS'],
  [0xfe534d42, 'SMB2'],
  [0x5346414f, 'AFS'],
  [0x564c, 'NCP'],
  [0x73757245, 'Coda'],
  [0x01021997, '9P'],
  [0x00c36400, 'Ceph'],
]);

/** Why a data folder is risky; `detail` names the service, the share or the file system (shown as is). */
export type FolderWarning =
  | { kind: 'network'; reason: 'unc' | 'mapped' | 'mount' | 'filesystem'; detail: string }
  | { kind: 'cloud'; detail: string };

/** What the host may know about the folder besides its path (all optional). */
export interface FolderFacts {
  /** 'win32' | 'darwin' | 'linux' …: how to read the path. */
  platform: string;
  /** The folder's real path (Windows: `fs.realpathSync.native` turns a mapped drive `Z:\x` into `\\server\share\x`). */
  realPath?: string | null;
  /** `fs.statfsSync(folder).type` on Linux. */
  fsType?: number | null;
}

/** Splits a path into segments for either separator style (Windows paths use both). */
function segments(p: string, platform: string): string[] {
  return (platform === 'win32' ? p.split(/[\\/]+/) : p.split('/')).filter(Boolean);
}

/** `\\server\share\…` or `//server/share/…` (not `\\?\C:\`, `\\.\`, nor WSL's `\\wsl$` / `\\wsl.localhost`). */
function uncShare(p: string): string | null {
  let s = p.replace(/\//g, '\\');
  if (/^\\\\\?\\UNC\\/i.test(s)) s = `\\\\${s.slice(8)}`;
  const m = /^\\\\([^\\?.][^\\]*)\\([^\\]+)/.exec(s);
  if (!m) return null;
  if (/^wsl(\$|\.localhost)$/i.test(m[1])) return null;
  return `\\\\${m[1]}\\${m[2]}`;
}

/** A Linux GVFS network mount (`/run/user/<uid>/gvfs/smb-share:server=…`: smb, sftp, dav, ftp, nfs, afp); null otherwise. */
function gvfsShare(p: string): string | null {
  const m = /\/gvfs\/((?:smb-share|sftp|dav|davs|ftp|nfs|afp-volume):[^/]+)/.exec(p);
  return m ? m[1] : null;
}

/**
 * Checks a data-folder path.
 * @param folder the data folder as the app uses it (absolute)
 * @param facts platform (required) and what the host learned (real path, file-system type)
 * @returns the first reason the folder is unsafe (network before cloud), or null if it looks like a local folder
 * @example checkDataFolder('\\\\nas\\共享\\ICPDesk', { platform: 'win32' }) → { kind: 'network', reason: 'unc', detail: '\\\\nas\\共享' }
 * @example checkDataFolder('C:\\Users\\李\\OneDrive\\ICPDesk', { platform: 'win32' }) → { kind: 'cloud', detail: 'OneDrive' }
 */
export function checkDataFolder(folder: string, facts: FolderFacts): FolderWarning | null {
  if (facts.platform === 'win32') {
    const unc = uncShare(folder);
    if (unc) return { kind: 'network', reason: 'unc', detail: unc };
    const real = facts.realPath ? uncShare(facts.realPath) : null;
    if (real) return { kind: 'network', reason: 'mapped', detail: `${folder.slice(0, 2)} → ${real}` };
  } else {
    const share = gvfsShare(folder) ?? (facts.realPath ? gvfsShare(facts.realPath) : null);
    if (share) return { kind: 'network', reason: 'mount', detail: share };
  }
  const fs = facts.fsType != null ? NETWORK_FS_TYPES.get(facts.fsType) : undefined;
  if (fs) return { kind: 'network', reason: 'filesystem', detail: fs };
  for (const p of [folder, facts.realPath].filter((x): x is string => !!x)) {
    for (const seg of segments(p, facts.platform)) {
      const svc = CLOUD_SERVICES.find((s) => s.segment.test(seg));
      if (svc) return { kind: 'cloud', detail: svc.label };
    }
    // macOS File Provider folders: ~/Library/CloudStorage/<Provider>-<account> (OneDrive-Personal, Dropbox-Team …)
    const cs = /\/Library\/CloudStorage\/([^/-]+)/.exec(p);
    if (cs) return { kind: 'cloud', detail: cs[1] };
  }
  return null;
}
