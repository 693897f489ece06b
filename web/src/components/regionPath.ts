/**
 * The cascade of GB/T 2260 codes leading to a region: province `XX0000`, prefecture `XXXX00`, county.
 * `110105` (朝阳区) → `['110000', '110100', '110105']`; `110000` → `['110000']`.
 */
export function regionPath(code: string): string[] {
  if (!/^\d{6}$/.test(code)) return [];
  const province = `${code.slice(0, 2)}0000`;
  const prefecture = `${code.slice(0, 4)}00`;
  const path = [province, prefecture, code];
  return path.filter((item, index) => path.indexOf(item) === index);
}

/** County-level codes (not ending in `00`) have no children in the cascade. */
export function isCountyCode(code: string): boolean {
  return /^\d{4}(?!00)\d{2}$/.test(code);
}
