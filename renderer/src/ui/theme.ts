// Light, dark, or whatever the system says: the choice sets data-theme on <html>; the tokens in
// styles.css do the rest (native controls included, through color-scheme).

export type Theme = 'system' | 'light' | 'dark';
const KEY = 'kindred.theme';

export function storedTheme(): Theme {
  try {
    const t = localStorage.getItem(KEY);
    return t === 'light' || t === 'dark' ? t : 'system';
  } catch {
    return 'system';
  }
}

export function applyTheme(theme: Theme): void {
  const root = document.documentElement;
  if (theme === 'system') delete root.dataset.theme;
  else root.dataset.theme = theme;
  try {
    if (theme === 'system') localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, theme);
  } catch {
    // the choice lasts for this page
  }
}
