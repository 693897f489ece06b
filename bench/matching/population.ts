import { draw, shareOf, type TRandom, type TWeighted, weighted } from './prng.ts';

/**
 * Surnames with their share of the population (per cent, 2020 census order of magnitude): the hundred
 * commonest carry about 85 % of people, so common full names really collide.
 */
const SURNAME_SHARES: [string, number][] = (
  '王7.12 李7.00 张6.74 刘5.10 陈4.61 杨3.22 黄2.45 赵2.19 吴2.00 周1.95 徐1.45 孙1.38 马1.29 朱1.28 ' +
  '胡1.16 郭1.13 何1.06 林1.02 高1.00 罗0.95 郑0.90 梁0.88 谢0.81 宋0.76 唐0.75 许0.67 韩0.66 冯0.65 ' +
  '邓0.64 曹0.63 彭0.62 曾0.60 肖0.59 田0.56 董0.52 袁0.51 潘0.50 于0.49 蒋0.48 蔡0.47 余0.46 杜0.45 ' +
  '叶0.44 程0.43 苏0.42 魏0.41 吕0.40 丁0.39 任0.38 沈0.37 姚0.36 卢0.35 姜0.34 崔0.33 钟0.32 谭0.31 ' +
  '陆0.30 汪0.29 范0.28 金0.27 石0.26 廖0.25 贾0.24 夏0.23 韦0.22 付0.21 方0.20 白0.19 邹0.18 孟0.17 ' +
  '熊0.16 秦0.15 邱0.14 江0.13 尹0.12 薛0.11 闫0.10 段0.10 雷0.10 侯0.09 龙0.09 史0.09 陶0.08 黎0.08 ' +
  '贺0.08 顾0.08 毛0.07 郝0.07 龚0.07 邵0.07 万0.07 钱0.07 严0.06 覃0.06 武0.06 戴0.06 莫0.06 孔0.05 ' +
  '向0.05 汤0.05 常0.05 温0.05 康0.05 施0.04 文0.04 牛0.04 樊0.04 葛0.04 邢0.04 安0.03 齐0.03 易0.03 ' +
  '乔0.03 伍0.03 庞0.03 颜0.03 倪0.03 庄0.03 聂0.03 章0.03 鲁0.02 岳0.02 翟0.02 殷0.02 詹0.02 申0.02 ' +
  '欧阳0.02 耿0.02 关0.02 兰0.02 焦0.02 俞0.02 左0.02 柳0.02 甘0.02 祝0.02 包0.02 宁0.02 尚0.02 符0.02 ' +
  '舒0.02 阮0.02 柯0.02 纪0.02 梅0.02 童0.02 凌0.02 毕0.02 单0.01 季0.01 裴0.01 霍0.01 涂0.01 成0.01 ' +
  '苗0.01 谷0.01 盛0.01 曲0.01 翁0.01 冉0.01 骆0.01 蓝0.01 路0.01 游0.01 辛0.01 靳0.01 管0.01 柴0.01 ' +
  '蒙0.01 鲍0.01 华0.01 喻0.01 祁0.01 蒲0.01 房0.01 滕0.01 屈0.01 饶0.01 解0.01 牟0.01 艾0.01 尤0.01 ' +
  '阳0.01 时0.01 穆0.01 农0.01 司0.01 卓0.01 古0.01 吉0.01 缪0.01 简0.01 车0.01 项0.01 连0.01 芦0.01 ' +
  '麦0.01 褚0.01 娄0.01 窦0.01 戚0.01 岑0.01 景0.01 党0.01 宫0.01 费0.01 卜0.01 冷0.01 晏0.01 席0.01 ' +
  '卫0.01 米0.01 柏0.01 宗0.01 瞿0.01 桂0.01 全0.01 佟0.01 应0.01 臧0.01 闵0.01 苟0.01 邬0.01 边0.01 ' +
  '司马0.005 上官0.004 诸葛0.003 东方0.002 皇甫0.002 慕容0.001 於0.002 乾0.001'
)
  .split(' ')
  .map((t) => {
    const m = /^(\D+)([\d.]+)$/.exec(t)!;
    return [m[1]!, Number(m[2])];
  });

/** Given-name characters in rough order of frequency: a Zipf law over the list gives their weights. */
const MALE_CHARS = Array.from(
  '伟强磊军勇杰涛明超刚平辉鹏华建国峰斌浩宇波亮飞林俊海东文志晨鑫龙宁凯阳帅洋旭健坤新兵春晓光成荣庆德' +
    '永胜锋伦彬博睿鸿翔刚毅振宏泽浩然子轩宇航鹤祥昌忠良兴松武义清亮德江贵福水山川岩',
);
const FEMALE_CHARS = Array.from(
  '芳娜敏静丽艳娟霞燕玲秀英红梅洁琳婷雪倩颖慧佳欣怡雯莉萍琴蓉兰云凤玉华晶月荣丹青蕾璐岚媛婉淑惠薇' +
    '琪瑶嘉晓妍彤诗涵梦菲露晴爱美巧珊珍茜娇宁静思雨悦',
);

function zipf(chars: readonly string[], exponent: number): TWeighted<string> {
  const seen = new Set<string>();
  const entries: [string, number][] = [];
  for (const ch of chars) {
    if (seen.has(ch)) continue;
    seen.add(ch);
    entries.push([ch, 1 / (entries.length + 1) ** exponent]);
  }
  return weighted(entries);
}

/** Parts of Uyghur and other minority names written in Han characters, joined by a middle dot. */
const MINORITY_PARTS = Array.from(
  new Set(
    '阿不都 买买提 艾力 热合曼 古丽 努尔 阿依 吐尔逊 依明 艾合买提 帕提古丽 穆罕默德 阿里木 热依拉 迪丽 ' +
      '麦麦提 玉素甫 阿布拉 吾斯曼 巴图 其木格 斯琴 乌兰 格日勒 扎西 次仁 卓玛 多吉 央金 旦增'.split(' '),
  ),
);

export const SURNAMES = weighted(SURNAME_SHARES);
export const MALE_GIVEN = zipf(MALE_CHARS, 1.05);
export const FEMALE_GIVEN = zipf(FEMALE_CHARS, 1.05);
/** Share of people whose given name is a single character (王伟, 李娜 — the most shared names). */
export const SINGLE_CHAR_SHARE = 0.18;
export const MINORITY_SHARE = 0.015;

/** Every character the generator writes in a Han name, for the homophone and look-alike tables. */
export const NAME_CHARACTERS = Array.from(
  new Set([...SURNAME_SHARES.map(([s]) => s).join(''), ...MALE_CHARS, ...FEMALE_CHARS]),
);

export type TGeneratedName = {
  text: string;
  surname: string;
  /** Probability that a person of this sex draws exactly this name. */
  share: number;
  minority: boolean;
};

const shareMaps = new Map<TWeighted<string>, Map<string, number>>();

function shareIn(table: TWeighted<string>, item: string): number {
  let map = shareMaps.get(table);
  if (!map) {
    map = new Map(table.items.map((it, i) => [it, shareOf(table, i)]));
    shareMaps.set(table, map);
  }
  return map.get(item)!;
}

/** Draws a name with realistic collisions, and computes how common it is. */
export function drawName(random: TRandom, sex: 'male' | 'female'): TGeneratedName {
  if (random.chance(MINORITY_SHARE)) {
    const a = random.pick(MINORITY_PARTS);
    const b = random.pick(MINORITY_PARTS);
    return {
      text: `${a}·${b}`,
      surname: a,
      share: MINORITY_SHARE / MINORITY_PARTS.length ** 2,
      minority: true,
    };
  }
  const surname = draw(random, SURNAMES);
  const table = sex === 'male' ? MALE_GIVEN : FEMALE_GIVEN;
  let share = shareIn(SURNAMES, surname) * (1 - MINORITY_SHARE);
  let given = draw(random, table);
  share *= shareIn(table, given);
  if (random.chance(SINGLE_CHAR_SHARE)) {
    share *= SINGLE_CHAR_SHARE;
  } else {
    const second = draw(random, table);
    share *= shareIn(table, second) * (1 - SINGLE_CHAR_SHARE);
    given += second;
  }
  return { text: surname + given, surname, share, minority: false };
}
