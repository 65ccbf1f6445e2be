/**
 * The packaged app's hardening (issue 15, item 10), read from electron-builder.yml as electron-builder reads it:
 * asar on, the Electron fuses flipped, macOS hardened runtime, and no signing secret or certificate required.
 */
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

const ROOT = path.resolve(import.meta.dirname, '../..');
const config = parse(fs.readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8')) as Record<string, unknown> & {
  electronFuses?: Record<string, unknown>;
  mac?: Record<string, unknown>;
  win?: Record<string, unknown>;
};

describe('electron-builder.yml', () => {
  it('packs the app into an asar', () => {
    expect(config.asar).toBe(true);
  });

  it('flips every security fuse', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('uses only fuse names electron-builder knows (a typo would be ignored silently)', () => {
    const scheme = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules/app-builder-lib/scheme.json'), 'utf8'));
    const known = Object.keys(scheme.definitions.FuseOptionsV1.properties);
    expect(known).toContain('runAsNode');
    for (const k of Object.keys(config.electronFuses ?? {})) expect(known, k).toContain(k);
  });

  it('signs and notarises when the environment provides credentials, never requires them', () => {
    expect(config.mac?.hardenedRuntime).toBe(true);
    const text = fs.readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8');
    // No certificate, password or identity in the file: they come from CSC_LINK, CSC_KEY_PASSWORD, APPLE_* … if set.
    for (const key of ['forceCodeSigning: true', 'certificateFile', 'certificatePassword', 'cscLink', 'cscKeyPassword', 'identity:', 'appleId']) {
      expect(text, key).not.toContain(key);
    }
  });
});
