import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appDataDir, resolveDataDir } from '../../electron/host-context';

/** README.md "Where your data lives": the table of data folders per system, and ICPDESK_DATA_DIR. */
describe('data folder per OS (README)', () => {
  it('Windows: %APPDATA%\\ICPDesk', () => {
    expect(resolveDataDir({ APPDATA: 'C:\\Users\\李明\\AppData\\Roaming' }, 'win32', 'C:\\Users\\李明')).toBe('C:\\Users\\李明\\AppData\\Roaming\\ICPDesk');
    // Without APPDATA (a stripped environment), the same place under the profile.
    expect(resolveDataDir({}, 'win32', 'C:\\Users\\li')).toBe('C:\\Users\\li\\AppData\\Roaming\\ICPDesk');
    expect(appDataDir({ APPDATA: 'D:\\Profiles\\li\\Roaming' }, 'win32', 'C:\\Users\\li')).toBe('D:\\Profiles\\li\\Roaming');
  });

  it('macOS: ~/Library/Application Support/ICPDesk (XDG and APPDATA do not apply)', () => {
    expect(resolveDataDir({ XDG_CONFIG_HOME: '/tmp/x', APPDATA: 'C:\\x' }, 'darwin', '/Users/li')).toBe('/Users/li/Library/Application Support/ICPDesk');
  });

  it('Linux: ~/.config/ICPDesk, or $XDG_CONFIG_HOME/ICPDesk', () => {
    expect(resolveDataDir({}, 'linux', '/home/li')).toBe('/home/li/.config/ICPDesk');
    expect(resolveDataDir({ XDG_CONFIG_HOME: '/home/li/.cfg' }, 'linux', '/home/li')).toBe('/home/li/.cfg/ICPDesk');
    expect(resolveDataDir({ XDG_CONFIG_HOME: '', APPDATA: 'C:\\x' }, 'linux', '/home/li')).toBe('/home/li/.config/ICPDesk');
  });

  it('ICPDESK_DATA_DIR wins on every system, made absolute; an empty one is ignored', () => {
    for (const platform of ['win32', 'darwin', 'linux'] as const) {
      expect(resolveDataDir({ ICPDESK_DATA_DIR: '/srv/icp-data', APPDATA: 'C:\\x', XDG_CONFIG_HOME: '/x' }, platform, '/home/li'), platform).toBe(path.resolve('/srv/icp-data'));
    }
    expect(resolveDataDir({ ICPDESK_DATA_DIR: 'portable/data' }, 'linux', '/home/li')).toBe(path.join(process.cwd(), 'portable', 'data'));
    expect(resolveDataDir({ ICPDESK_DATA_DIR: '' }, 'linux', '/home/li')).toBe('/home/li/.config/ICPDesk');
  });
});
