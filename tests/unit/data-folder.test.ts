import { describe, expect, it } from 'vitest';
import { checkDataFolder, type FolderWarning } from '../../shared/domain/data-folder';

type Case = [string, string, FolderWarning | null, { realPath?: string; fsType?: number }?];

const cases: Case[] = [
  // Windows: local folders
  ['win32', 'C:\\Users\\李明\\AppData\\Roaming\\ICPDesk', null],
  ['win32', 'D:\\许可通数据', null],
  ['win32', '\\\\?\\C:\\Users\\li\\AppData\\Roaming\\ICPDesk', null],
  ['win32', '\\\\wsl$\\Ubuntu\\home\\li\\ICPDesk', null],
  ['win32', 'C:\\Users\\li\\Documents\\MyDropboxNotes\\ICPDesk', null],
  // Windows: network
  ['win32', '\\\\nas\\共享\\ICPDesk', { kind: 'network', reason: 'unc', detail: '\\\\nas\\共享' }],
  ['win32', '//fileserver/team/ICPDesk', { kind: 'network', reason: 'unc', detail: '\\\\fileserver\\team' }],
  ['win32', '\\\\?\\UNC\\nas\\data\\ICPDesk', { kind: 'network', reason: 'unc', detail: '\\\\nas\\data' }],
  ['win32', 'Z:\\ICPDesk', { kind: 'network', reason: 'mapped', detail: 'Z: → \\\\nas\\data' }, { realPath: '\\\\nas\\data\\ICPDesk' }],
  ['win32', 'Z:\\ICPDesk', null, { realPath: 'Z:\\ICPDesk' }],
  // Windows: cloud-sync folders
  ['win32', 'C:\\Users\\li\\OneDrive\\ICPDesk', { kind: 'cloud', detail: 'OneDrive' }],
  ['win32', 'C:\\Users\\li\\OneDrive - 太原某咨询有限公司\\数据', { kind: 'cloud', detail: 'OneDrive' }],
  ['win32', 'C:\\Users\\li\\Nutstore\\ICPDesk', { kind: 'cloud', detail: '坚果云' }],
  ['win32', 'D:\\我的坚果云\\ICPDesk', { kind: 'cloud', detail: '坚果云' }],
  ['win32', 'D:\\BaiduSyncdisk\\ICPDesk', { kind: 'cloud', detail: '百度网盘' }],
  ['win32', 'E:\\百度网盘同步空间\\客户', { kind: 'cloud', detail: '百度网盘' }],
  ['win32', 'C:\\Users\\li\\Dropbox (个人)\\ICPDesk', { kind: 'cloud', detail: 'Dropbox' }],
  ['win32', 'C:\\Users\\li\\iCloudDrive\\ICPDesk', { kind: 'cloud', detail: 'iCloud Drive' }],
  ['win32', 'G:\\My Drive\\ICPDesk', { kind: 'cloud', detail: 'Google Drive' }],
  ['win32', 'G:\\我的云端硬盘\\ICPDesk', { kind: 'cloud', detail: 'Google Drive' }],
  // macOS
  ['darwin', '/Users/li/Library/Application Support/ICPDesk', null],
  ['darwin', '/Users/li/Library/Mobile Documents/com~apple~CloudDocs/ICPDesk', { kind: 'cloud', detail: 'iCloud Drive' }],
  ['darwin', '/Users/li/Library/CloudStorage/OneDrive-Personal/ICPDesk', { kind: 'cloud', detail: 'OneDrive' }],
  ['darwin', '/Users/li/Library/CloudStorage/GoogleDrive-li@example.com/My Drive/ICPDesk', { kind: 'cloud', detail: 'Google Drive' }],
  ['darwin', '/Users/li/Library/CloudStorage/Box-Box/ICPDesk', { kind: 'cloud', detail: 'Box' }],
  ['darwin', '/Users/li/Nutstore Files/ICPDesk', { kind: 'cloud', detail: '坚果云' }],
  ['darwin', '/Users/li/Dropbox/ICPDesk', { kind: 'cloud', detail: 'Dropbox' }],
  // Linux
  ['linux', '/home/li/.config/ICPDesk', null],
  ['linux', '/home/li/.config/ICPDesk', { kind: 'network', reason: 'filesystem', detail: 'CIFS' }, { fsType: 0xff534d42 }],
  ['linux', '/mnt/nfs/ICPDesk', { kind: 'network', reason: 'filesystem', detail: 'NFS' }, { fsType: 0x6969 }],
  ['linux', '/home/li/.config/ICPDesk', null, { fsType: 0xef53 }], // ext4
  ['linux', '/run/user/1000/gvfs/smb-share:server=nas,share=data/ICPDesk', { kind: 'network', reason: 'mount', detail: 'smb-share:server=nas,share=data' }],
  ['linux', '/home/li/Dropbox/ICPDesk', { kind: 'cloud', detail: 'Dropbox' }],
  ['linux', '/home/li/OneDrive/ICPDesk', { kind: 'cloud', detail: 'OneDrive' }],
  ['linux', '/home/li/onedrive-notes/ICPDesk', null],
];

describe('checkDataFolder', () => {
  it.each(cases)('%s %s', (platform, folder, expected, facts) => {
    expect(checkDataFolder(folder, { platform, ...facts })).toEqual(expected);
  });

  it('a network share that is also a sync folder is reported as network (the bigger risk)', () => {
    expect(checkDataFolder('\\\\nas\\OneDrive\\ICPDesk', { platform: 'win32' })?.kind).toBe('network');
  });
});
