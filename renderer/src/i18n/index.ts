/**
 * i18next setup: zh-CN by default, English complete. Each feature keeps its strings in `resources/<feature>.ts`
 * as `{ zh: {...}, en: {...} }` under its own namespace key; this file merges them. The chosen language is kept in
 * localStorage ('icpdesk.lang').
 */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import common from './resources/common';
import clients from './resources/clients';
import client from './resources/client';
import clientForm from './resources/client-form';
import importRes from './resources/import';
import weekly from './resources/weekly';
import inspection from './resources/inspection';
import deadlines from './resources/deadlines';
import aftercare from './resources/aftercare';
import eligibility from './resources/eligibility';
import backup from './resources/backup';
import messages from './resources/messages';
import desktop from './resources/desktop';
import attachments from './resources/attachments';

const features = { common, clients, client, clientForm, import: importRes, weekly, deadlines, aftercare, eligibility, inspection, backup, desktop, attachments, msg: messages } as const;

function pick(lang: 'zh' | 'en') {
  return Object.fromEntries(Object.entries(features).map(([k, v]) => [k, v[lang]]));
}

export type Lang = 'zh-CN' | 'en';
export const LANG_KEY = 'icpdesk.lang';

export function initialLang(): Lang {
  try {
    return localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: pick('zh') }, en: { translation: pick('en') } },
  lng: initialLang(),
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
  returnNull: false,
});

export default i18n;
