/** Typical industry scenarios of ICP clients in Shanxi (spec §2), stored as the Chinese label. */
export const INDUSTRIES = ['电商交易', '工业互联网', '农产品服务', '文旅服务', '其他'] as const;
export type Industry = (typeof INDUSTRIES)[number];

/** English names for the UI's English mode. */
export const INDUSTRY_EN: Record<Industry, string> = {
  电商交易: 'E-commerce',
  工业互联网: 'Industrial internet',
  农产品服务: 'Agricultural products',
  文旅服务: 'Culture & tourism',
  其他: 'Other',
};

/** Maps free text from a spreadsheet to an {@link Industry}; unknown text becomes 其他. */
export function parseIndustry(raw: string): Industry {
  const s = raw.trim();
  if (!s) return '其他';
  const hit = INDUSTRIES.find((i) => s === i || s.includes(i.slice(0, 2)));
  return hit ?? '其他';
}
