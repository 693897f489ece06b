import { composeUscc, listCurrentRegions } from '../../src/core/ids/index.ts';
import type { TOrganKind } from '../../src/core/registry/types.ts';
import type { TRandom } from './prng.ts';

export type TGeneratedOrgan = {
  code: string;
  name: string;
  shortName: string;
  kind: TOrganKind;
  level: 'national' | 'provincial' | 'municipal';
  regionCode: string;
  /** Relative staff size: officials are spread over organs in proportion. */
  weight: number;
};

/** Central organs with the abbreviations rosters actually use. */
const NATIONAL: [string, string][] = [
  ['国家发展和改革委员会', '国家发改委'],
  ['工业和信息化部', '工信部'],
  ['住房和城乡建设部', '住建部'],
  ['人力资源和社会保障部', '人社部'],
  ['国家市场监督管理总局', '市场监管总局'],
  ['国家卫生健康委员会', '国家卫健委'],
  ['国务院国有资产监督管理委员会', '国务院国资委'],
  ['科学技术部', '科技部'],
  ['文化和旅游部', '文旅部'],
  ['交通运输部', '交通部'],
  ['应急管理部', '应急部'],
  ['国家林业和草原局', '国家林草局'],
  ['中国证券监督管理委员会', '证监会'],
  ['国家金融监督管理总局', '金融监管总局'],
  ['国家税务总局', '税务总局'],
  ['国家体育总局', '体育总局'],
  ['商务部', '商务部'],
  ['农业农村部', '农业农村部'],
  ['教育部', '教育部'],
  ['民政部', '民政部'],
  ['财政部', '财政部'],
  ['自然资源部', '自然资源部'],
  ['生态环境部', '生态环境部'],
  ['水利部', '水利部'],
  ['退役军人事务部', '退役军人部'],
];

/** Local departments: full suffix and its short form, `{}` standing for 厅 (province) or 局 (city). */
const LOCAL: [string, string][] = [
  ['发展和改革委员会', '发改委'],
  ['工业和信息化{}', '工信{}'],
  ['住房和城乡建设{}', '住建{}'],
  ['人力资源和社会保障{}', '人社{}'],
  ['市场监督管理局', '市场监管局'],
  ['卫生健康委员会', '卫健委'],
  ['人民政府国有资产监督管理委员会', '国资委'],
  ['科学技术{}', '科技{}'],
  ['文化和旅游{}', '文旅{}'],
  ['交通运输{}', '交通{}'],
  ['商务{}', '商务{}'],
  ['农业农村{}', '农业农村{}'],
  ['民政{}', '民政{}'],
  ['地方金融监督管理局', '金融局'],
];

/** Organs of the centre, every province and every prefecture-level city, with USCC-style codes. */
export function generateOrgans(random: TRandom): TGeneratedOrgan[] {
  const organs: TGeneratedOrgan[] = [];
  const used = new Set<string>();
  const code = (region: string) => {
    for (;;) {
      let body = '';
      for (let i = 0; i < 8; i++) body += String(random.int(10));
      const c = composeUscc('1', '1', region, body);
      if (!used.has(c)) {
        used.add(c);
        return c;
      }
    }
  };
  for (const [name, shortName] of NATIONAL) {
    organs.push({
      code: code('100000'),
      name,
      shortName,
      kind: 'government',
      level: 'national',
      regionCode: '100000',
      weight: 40,
    });
  }
  for (const province of listCurrentRegions('province')) {
    const region = province.name;
    for (const [full, short] of LOCAL) {
      organs.push({
        code: code(province.code),
        name: region + full.replace('{}', '厅'),
        shortName:
          region.replace(/(省|市|自治区|壮族自治区|回族自治区|维吾尔自治区|特别行政区)$/, '') +
          short.replace('{}', '厅'),
        kind: 'government',
        level: 'provincial',
        regionCode: province.code,
        weight: 8,
      });
    }
  }
  for (const city of listCurrentRegions('prefecture')) {
    if (!city.name.endsWith('市')) continue;
    for (const [full, short] of LOCAL) {
      organs.push({
        code: code(city.code),
        name: city.name + full.replace('{}', '局'),
        shortName: city.name + short.replace('{}', '局'),
        kind: 'government',
        level: 'municipal',
        regionCode: city.code,
        weight: 3,
      });
    }
  }
  return organs;
}
