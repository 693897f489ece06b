import { drawWeighted, type Rng, weightedTable } from './prng.ts';

/**
 * Chinese personal names with real-world shape: surnames weighted by their share of the population
 * (2020 census order and approximate percentages), given names mixing a Zipf-weighted list of very
 * common names (so that 王伟 and 张敏 recur as they do in any large roster) with composed two-character
 * names whose style follows the birth generation.
 */

/** Surname and its approximate share of the population in percent. */
export const SURNAME_SHARES: readonly (readonly [string, number])[] = [
  ['王', 7.1],
  ['李', 7.0],
  ['张', 6.7],
  ['刘', 5.4],
  ['陈', 4.6],
  ['杨', 3.1],
  ['赵', 2.0],
  ['黄', 1.9],
  ['周', 1.9],
  ['吴', 1.6],
  ['徐', 1.4],
  ['孙', 1.35],
  ['胡', 1.2],
  ['朱', 1.1],
  ['高', 1.1],
  ['林', 1.05],
  ['何', 1.05],
  ['郭', 1.0],
  ['马', 0.95],
  ['罗', 0.83],
  ['梁', 0.77],
  ['宋', 0.72],
  ['郑', 0.69],
  ['谢', 0.64],
  ['韩', 0.63],
  ['唐', 0.62],
  ['冯', 0.6],
  ['于', 0.56],
  ['董', 0.55],
  ['肖', 0.53],
  ['程', 0.52],
  ['曹', 0.52],
  ['袁', 0.5],
  ['邓', 0.5],
  ['许', 0.49],
  ['傅', 0.47],
  ['沈', 0.46],
  ['曾', 0.46],
  ['彭', 0.45],
  ['吕', 0.44],
  ['苏', 0.43],
  ['卢', 0.42],
  ['蒋', 0.41],
  ['蔡', 0.4],
  ['贾', 0.39],
  ['丁', 0.38],
  ['魏', 0.37],
  ['薛', 0.36],
  ['叶', 0.35],
  ['阎', 0.34],
  ['余', 0.33],
  ['潘', 0.32],
  ['杜', 0.31],
  ['戴', 0.3],
  ['夏', 0.29],
  ['钟', 0.29],
  ['汪', 0.28],
  ['田', 0.28],
  ['任', 0.27],
  ['姜', 0.27],
  ['范', 0.26],
  ['方', 0.26],
  ['石', 0.25],
  ['姚', 0.25],
  ['谭', 0.24],
  ['廖', 0.24],
  ['邹', 0.23],
  ['熊', 0.23],
  ['金', 0.22],
  ['陆', 0.22],
  ['郝', 0.21],
  ['孔', 0.21],
  ['白', 0.2],
  ['崔', 0.2],
  ['康', 0.19],
  ['毛', 0.19],
  ['邱', 0.18],
  ['秦', 0.18],
  ['江', 0.17],
  ['史', 0.17],
  ['顾', 0.17],
  ['侯', 0.16],
  ['邵', 0.16],
  ['孟', 0.16],
  ['龙', 0.15],
  ['万', 0.15],
  ['段', 0.15],
  ['雷', 0.15],
  ['钱', 0.14],
  ['汤', 0.14],
  ['尹', 0.14],
  ['黎', 0.13],
  ['易', 0.13],
  ['常', 0.13],
  ['武', 0.13],
  ['乔', 0.12],
  ['贺', 0.12],
  ['赖', 0.12],
  ['龚', 0.12],
  ['文', 0.11],
  ...[
    ...'庞樊兰殷施陶洪翟安颜倪严牛温季俞章鲁葛伍韦申尤毕聂焦向柳邢路岳齐梅莫庄辛管祝左涂谷祁时舒耿牟詹关苗凌费纪靳盛童甄项曲成游阳裴席卫屈鲍霍翁隋甘景单包柏宁柯阮桂闵解柴华车冉房边饶戚米池滕苑臧宫全褚廉简娄符穆党燕郎冀谈姬屠连晏栾郁商蒙喻窦迟冷卓艾蓝巩仲乐虞卞原佟栗匡宗应巫鞠桑荆银',
  ].map((s) => [s, 0.06] as const),
  ['欧阳', 0.05],
  ['司马', 0.01],
  ['上官', 0.008],
  ['诸葛', 0.005],
];

const SURNAMES = weightedTable(SURNAME_SHARES);

/** Very common given names, most common first; drawn with Zipf weights. */
const COMMON_MALE = [
  ...'伟磊勇军强杰涛斌超明刚平辉鹏华飞鑫波宁俊浩宇博昊晨峰斌亮健林彬毅',
  '建华',
  '建国',
  '建军',
  '国强',
  '志强',
  '海涛',
  '晓东',
  '志刚',
  '永刚',
  '文斌',
  '国华',
  '建平',
  '红军',
  '卫东',
  '卫国',
  '立新',
  '志勇',
  '明亮',
  '海波',
  '建伟',
  '春生',
  '志明',
  '东升',
  '文杰',
  '浩然',
  '子轩',
  '宇轩',
  '鹏飞',
  '俊杰',
  '家豪',
  '振华',
  '国庆',
  '德明',
  '学军',
];
const COMMON_FEMALE = [
  ...'芳娜敏静丽艳娟霞燕玲慧颖洁琳萍红梅莉雪倩晶欣',
  '秀英',
  '桂英',
  '秀兰',
  '丽娟',
  '秀珍',
  '桂兰',
  '玉兰',
  '淑珍',
  '晓燕',
  '丽华',
  '海燕',
  '红梅',
  '春梅',
  '雪梅',
  '丽丽',
  '婷婷',
  '欣怡',
  '梓涵',
  '诗涵',
  '雨涵',
  '佳怡',
  '子涵',
  '静怡',
  '建英',
  '玉梅',
];

function zipf(names: readonly string[]): ReturnType<typeof weightedTable<string>> {
  return weightedTable(names.map((n, i) => [n, 1 / (i + 1) ** 0.6] as const));
}
const COMMON = { male: zipf(COMMON_MALE), female: zipf(COMMON_FEMALE) };

// Composed names: first and second characters by generation (born before / from 1975).
const COMPOSED_TEXT = {
  male: {
    older: [
      '建国志文明永海晓立春德学世振卫新红玉光家',
      '华国军平明强伟东林峰辉成刚勇杰涛斌波龙山生民安祥福荣',
    ],
    younger: ['子宇浩俊嘉天一梓思家文晓志鹏明泽博', '轩阳宁辰涵杰豪然宇凯航睿铭翔博远洋'],
  },
  female: {
    older: ['秀桂玉淑丽海红春晓雪美慧静金凤', '英兰珍芳华梅燕霞娟琴云丽萍红洁'],
    younger: ['佳欣诗雨梦思婉雅文子梓静晓可一', '怡涵琳瑶月颖婷萱彤琪悦菲妍璐'],
  },
} as const;
const split = (pair: readonly [string, string]) => [[...pair[0]], [...pair[1]]] as const;
const COMPOSED = {
  male: { older: split(COMPOSED_TEXT.male.older), younger: split(COMPOSED_TEXT.male.younger) },
  female: { older: split(COMPOSED_TEXT.female.older), younger: split(COMPOSED_TEXT.female.younger) },
};

export type TSex = 'male' | 'female';

/** A given name for someone of `sex` born in `birthYear`. */
export function drawGivenName(rng: Rng, sex: TSex, birthYear: number): string {
  const roll = rng.next();
  if (roll < 0.15) return drawWeighted(rng, COMMON[sex]);
  const pools = birthYear < 1975 ? COMPOSED[sex].older : COMPOSED[sex].younger;
  const first = rng.pick(pools[0]);
  if (roll < 0.25) return first === '子' || first === '一' ? rng.pick(pools[1]) : first;
  return first + rng.pick(pools[1]);
}

/** A surname drawn by its share of the population. */
export function drawSurname(rng: Rng): string {
  return drawWeighted(rng, SURNAMES);
}

/** A full name: surname and given name, in Chinese order without a separator. */
export function drawFullName(rng: Rng, sex: TSex, birthYear: number): string {
  return drawSurname(rng) + drawGivenName(rng, sex, birthYear);
}

/** The surname of a generated name (compound surnames first). */
export function surnameOf(name: string): string {
  const two = name.slice(0, 2);
  if (two === '欧阳' || two === '司马' || two === '上官' || two === '诸葛') return two;
  return name.slice(0, 1);
}
