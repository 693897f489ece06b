import { Segmented } from 'antd';
import { changeLanguage, LANGUAGES, type TLanguage, useT } from '../i18n/index.ts';

/** 中文 / English switch; the choice is remembered in localStorage. */
export function LanguageSwitch() {
  const { t, language } = useT();
  return (
    <Segmented<TLanguage>
      data-testid="language-switch"
      aria-label={t('lang.label')}
      size="small"
      value={language}
      options={LANGUAGES.map((value) => ({ value, label: t(`lang.${value}`) }))}
      onChange={(value) => void changeLanguage(value)}
    />
  );
}
