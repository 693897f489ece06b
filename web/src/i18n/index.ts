import i18next from 'i18next';
import { useCallback } from 'react';
import { initReactI18next, useTranslation } from 'react-i18next';
import { en } from './en.ts';
import { type TMessageId, zhCN } from './zh-CN.ts';

export type { TMessageId } from './zh-CN.ts';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type TLanguage = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'tuogou.language';

function isLanguage(value: unknown): value is TLanguage {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The language remembered in localStorage; Chinese when nothing (or nothing valid) is stored. */
export function storedLanguage(): TLanguage {
  try {
    const value = globalThis.localStorage?.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

/** Switches the language, remembers it and updates `<html lang>` for screen readers. */
export async function changeLanguage(language: TLanguage): Promise<void> {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, language);
  } catch {
    // Private browsing may refuse storage; the switch still applies to this tab.
  }
  await i18next.changeLanguage(language);
  if (typeof document !== 'undefined') document.documentElement.lang = language;
}

/** Initialises i18next with both catalogues bundled (they are small; no loading flash). */
export function initI18n(): typeof i18next {
  const language = storedLanguage();
  void i18next.use(initReactI18next).init({
    resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
    lng: language,
    fallbackLng: 'zh-CN',
    // Message ids contain dots (`menu.home`); they are flat keys, not nested paths.
    keySeparator: false,
    nsSeparator: false,
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  if (typeof document !== 'undefined') document.documentElement.lang = language;
  return i18next;
}

export type TTranslate = (id: TMessageId, values?: Record<string, string | number>) => string;

/** The typed translate function and the current language, for components. */
export function useT(): { t: TTranslate; language: TLanguage } {
  const { t, i18n } = useTranslation();
  const language = isLanguage(i18n.language) ? i18n.language : 'zh-CN';
  // Stable per language, so effects and memos that depend on `t` rerun only on a language switch.
  const translate = useCallback<TTranslate>((id, values) => String(t(id, values)), [t]);
  return { t: translate, language };
}
