import type { TOrganKind } from '../core/registry/types.ts';

/**
 * Real names the generator builds on: the organs of the State Council and of the party, congress,
 * CPPCC, court and procuratorate at the centre; how their provincial and city counterparts are named;
 * the industries associations form around and the organ that used to sponsor each of them.
 */

export type TOrganKey =
  | 'ndrc'
  | 'miit'
  | 'mofcom'
  | 'moa'
  | 'mca'
  | 'mof'
  | 'mohurd'
  | 'mot'
  | 'nhc'
  | 'samr'
  | 'sasac'
  | 'mee'
  | 'mct'
  | 'most'
  | 'moe'
  | 'mohrss'
  | 'mnr'
  | 'mwr'
  | 'mem'
  | 'pbc'
  | 'nao'
  | 'sport'
  | 'forestry'
  | 'grain'
  | 'nea'
  | 'nmpa'
  | 'cnipa'
  | 'customs'
  | 'sta'
  | 'nfra'
  | 'csrc'
  | 'spb'
  | 'caac'
  | 'nra'
  | 'nrta'
  | 'mps'
  | 'moj'
  | 'nhsa'
  | 'natcm'
  | 'cma'
  | 'stats'
  | 'publicity'
  | 'united_front'
  | 'npc_office'
  | 'cppcc_office'
  | 'court'
  | 'procuratorate';

export type TNationalOrgan = { key: TOrganKey; name: string; shortName: string; kind: TOrganKind };

export const NATIONAL_ORGANS: readonly TNationalOrgan[] = [
  { key: 'ndrc', name: '国家发展和改革委员会', shortName: '国家发展改革委', kind: 'government' },
  { key: 'miit', name: '工业和信息化部', shortName: '工信部', kind: 'government' },
  { key: 'mofcom', name: '商务部', shortName: '商务部', kind: 'government' },
  { key: 'moa', name: '农业农村部', shortName: '农业农村部', kind: 'government' },
  { key: 'mca', name: '民政部', shortName: '民政部', kind: 'government' },
  { key: 'mof', name: '财政部', shortName: '财政部', kind: 'government' },
  { key: 'mohurd', name: '住房和城乡建设部', shortName: '住房城乡建设部', kind: 'government' },
  { key: 'mot', name: '交通运输部', shortName: '交通运输部', kind: 'government' },
  { key: 'nhc', name: '国家卫生健康委员会', shortName: '国家卫生健康委', kind: 'government' },
  { key: 'samr', name: '国家市场监督管理总局', shortName: '市场监管总局', kind: 'government' },
  { key: 'sasac', name: '国务院国有资产监督管理委员会', shortName: '国务院国资委', kind: 'government' },
  { key: 'mee', name: '生态环境部', shortName: '生态环境部', kind: 'government' },
  { key: 'mct', name: '文化和旅游部', shortName: '文化和旅游部', kind: 'government' },
  { key: 'most', name: '科学技术部', shortName: '科技部', kind: 'government' },
  { key: 'moe', name: '教育部', shortName: '教育部', kind: 'government' },
  { key: 'mohrss', name: '人力资源和社会保障部', shortName: '人力资源社会保障部', kind: 'government' },
  { key: 'mnr', name: '自然资源部', shortName: '自然资源部', kind: 'government' },
  { key: 'mwr', name: '水利部', shortName: '水利部', kind: 'government' },
  { key: 'mem', name: '应急管理部', shortName: '应急管理部', kind: 'government' },
  { key: 'pbc', name: '中国人民银行', shortName: '人民银行', kind: 'government' },
  { key: 'nao', name: '审计署', shortName: '审计署', kind: 'government' },
  { key: 'sport', name: '国家体育总局', shortName: '体育总局', kind: 'government' },
  { key: 'forestry', name: '国家林业和草原局', shortName: '国家林草局', kind: 'government' },
  { key: 'grain', name: '国家粮食和物资储备局', shortName: '国家粮食和储备局', kind: 'government' },
  { key: 'nea', name: '国家能源局', shortName: '国家能源局', kind: 'government' },
  { key: 'nmpa', name: '国家药品监督管理局', shortName: '国家药监局', kind: 'government' },
  { key: 'cnipa', name: '国家知识产权局', shortName: '国家知识产权局', kind: 'government' },
  { key: 'customs', name: '海关总署', shortName: '海关总署', kind: 'government' },
  { key: 'sta', name: '国家税务总局', shortName: '税务总局', kind: 'government' },
  { key: 'nfra', name: '国家金融监督管理总局', shortName: '金融监管总局', kind: 'government' },
  { key: 'csrc', name: '中国证券监督管理委员会', shortName: '中国证监会', kind: 'government' },
  { key: 'spb', name: '国家邮政局', shortName: '国家邮政局', kind: 'government' },
  { key: 'caac', name: '中国民用航空局', shortName: '民航局', kind: 'government' },
  { key: 'nra', name: '国家铁路局', shortName: '国家铁路局', kind: 'government' },
  { key: 'nrta', name: '国家广播电视总局', shortName: '广电总局', kind: 'government' },
  { key: 'mps', name: '公安部', shortName: '公安部', kind: 'government' },
  { key: 'moj', name: '司法部', shortName: '司法部', kind: 'government' },
  { key: 'nhsa', name: '国家医疗保障局', shortName: '国家医保局', kind: 'government' },
  { key: 'natcm', name: '国家中医药管理局', shortName: '国家中医药局', kind: 'government' },
  { key: 'cma', name: '中国气象局', shortName: '中国气象局', kind: 'government' },
  { key: 'stats', name: '国家统计局', shortName: '国家统计局', kind: 'government' },
  { key: 'publicity', name: '中共中央宣传部', shortName: '中宣部', kind: 'party' },
  { key: 'united_front', name: '中共中央统一战线工作部', shortName: '中央统战部', kind: 'party' },
  {
    key: 'npc_office',
    name: '全国人民代表大会常务委员会办公厅',
    shortName: '全国人大常委会办公厅',
    kind: 'congress',
  },
  {
    key: 'cppcc_office',
    name: '中国人民政治协商会议全国委员会办公厅',
    shortName: '全国政协办公厅',
    kind: 'cppcc',
  },
  { key: 'court', name: '最高人民法院', shortName: '最高法', kind: 'court' },
  { key: 'procuratorate', name: '最高人民检察院', shortName: '最高检', kind: 'procuratorate' },
];

/** Real research and service units of some ministries (subordinate public institutions). */
export const NATIONAL_UNITS: readonly { parent: TOrganKey; name: string }[] = [
  { parent: 'ndrc', name: '国家发展和改革委员会宏观经济研究院' },
  { parent: 'mofcom', name: '商务部国际贸易经济合作研究院' },
  { parent: 'moa', name: '农业农村部规划设计研究院' },
  { parent: 'mot', name: '交通运输部科学研究院' },
  { parent: 'mohurd', name: '住房和城乡建设部科技与产业化发展中心' },
  { parent: 'mee', name: '生态环境部环境规划院' },
  { parent: 'mwr', name: '水利部发展研究中心' },
  { parent: 'nhc', name: '国家卫生健康委卫生发展研究中心' },
  { parent: 'samr', name: '国家市场监督管理总局发展研究中心' },
  { parent: 'mca', name: '民政部社会组织服务中心' },
  { parent: 'miit', name: '工业和信息化部电子第五研究所' },
  { parent: 'miit', name: '中国电子信息产业发展研究院' },
];

/**
 * How a provincial (or municipality's) counterpart of a national organ is named: `{P}` is the province
 * as written (广东省, 北京市, 内蒙古自治区). Municipalities often use 局/委员会 where provinces use 厅.
 */
export type TCounterpartName = { name: string; short: string };
export type TCounterpart = {
  key: TOrganKey;
  kind: TOrganKind;
  province: TCounterpartName;
  municipality?: TCounterpartName;
  /** Name in a prefecture-level city; absent where cities have no counterpart in the generator. */
  city?: TCounterpartName;
};

const n = (name: string, short = name): TCounterpartName => ({ name, short });

export const COUNTERPARTS: readonly TCounterpart[] = [
  {
    key: 'ndrc',
    kind: 'government',
    province: n('{P}发展和改革委员会', '{P}发展改革委'),
    city: n('{P}发展和改革委员会', '{P}发展改革委'),
  },
  {
    key: 'miit',
    kind: 'government',
    province: n('{P}工业和信息化厅', '{P}工信厅'),
    municipality: n('{P}经济和信息化局', '{P}经信局'),
    city: n('{P}工业和信息化局', '{P}工信局'),
  },
  {
    key: 'mofcom',
    kind: 'government',
    province: n('{P}商务厅'),
    municipality: n('{P}商务局'),
    city: n('{P}商务局'),
  },
  {
    key: 'moa',
    kind: 'government',
    province: n('{P}农业农村厅'),
    municipality: n('{P}农业农村局'),
    city: n('{P}农业农村局'),
  },
  {
    key: 'mca',
    kind: 'government',
    province: n('{P}民政厅'),
    municipality: n('{P}民政局'),
    city: n('{P}民政局'),
  },
  {
    key: 'mof',
    kind: 'government',
    province: n('{P}财政厅'),
    municipality: n('{P}财政局'),
    city: n('{P}财政局'),
  },
  {
    key: 'mohurd',
    kind: 'government',
    province: n('{P}住房和城乡建设厅', '{P}住房城乡建设厅'),
    municipality: n('{P}住房和城乡建设委员会', '{P}住房城乡建设委'),
    city: n('{P}住房和城乡建设局', '{P}住建局'),
  },
  {
    key: 'mot',
    kind: 'government',
    province: n('{P}交通运输厅'),
    municipality: n('{P}交通委员会', '{P}交通委'),
    city: n('{P}交通运输局'),
  },
  {
    key: 'nhc',
    kind: 'government',
    province: n('{P}卫生健康委员会', '{P}卫生健康委'),
    city: n('{P}卫生健康委员会', '{P}卫健委'),
  },
  {
    key: 'samr',
    kind: 'government',
    province: n('{P}市场监督管理局', '{P}市场监管局'),
    city: n('{P}市场监督管理局', '{P}市场监管局'),
  },
  {
    key: 'sasac',
    kind: 'government',
    province: n('{P}人民政府国有资产监督管理委员会', '{P}国资委'),
    city: n('{P}人民政府国有资产监督管理委员会', '{P}国资委'),
  },
  {
    key: 'mee',
    kind: 'government',
    province: n('{P}生态环境厅'),
    municipality: n('{P}生态环境局'),
    city: n('{P}生态环境局'),
  },
  {
    key: 'mct',
    kind: 'government',
    province: n('{P}文化和旅游厅'),
    municipality: n('{P}文化和旅游局'),
    city: n('{P}文化广电旅游局', '{P}文广旅局'),
  },
  {
    key: 'most',
    kind: 'government',
    province: n('{P}科学技术厅', '{P}科技厅'),
    municipality: n('{P}科学技术局', '{P}科技局'),
    city: n('{P}科学技术局', '{P}科技局'),
  },
  {
    key: 'moe',
    kind: 'government',
    province: n('{P}教育厅'),
    municipality: n('{P}教育委员会', '{P}教委'),
    city: n('{P}教育局'),
  },
  {
    key: 'mohrss',
    kind: 'government',
    province: n('{P}人力资源和社会保障厅', '{P}人力资源社会保障厅'),
    municipality: n('{P}人力资源和社会保障局', '{P}人力社保局'),
    city: n('{P}人力资源和社会保障局', '{P}人社局'),
  },
  {
    key: 'mnr',
    kind: 'government',
    province: n('{P}自然资源厅'),
    municipality: n('{P}规划和自然资源局', '{P}规划自然资源局'),
    city: n('{P}自然资源和规划局', '{P}自然资源规划局'),
  },
  {
    key: 'mwr',
    kind: 'government',
    province: n('{P}水利厅'),
    municipality: n('{P}水务局'),
    city: n('{P}水务局'),
  },
  {
    key: 'mem',
    kind: 'government',
    province: n('{P}应急管理厅'),
    municipality: n('{P}应急管理局'),
    city: n('{P}应急管理局'),
  },
  {
    key: 'nao',
    kind: 'government',
    province: n('{P}审计厅'),
    municipality: n('{P}审计局'),
    city: n('{P}审计局'),
  },
  { key: 'sport', kind: 'government', province: n('{P}体育局'), city: n('{P}体育局') },
  { key: 'forestry', kind: 'government', province: n('{P}林业局') },
  { key: 'grain', kind: 'government', province: n('{P}粮食和物资储备局', '{P}粮食和储备局') },
  { key: 'nea', kind: 'government', province: n('{P}能源局') },
  { key: 'nmpa', kind: 'government', province: n('{P}药品监督管理局', '{P}药监局') },
  { key: 'cnipa', kind: 'government', province: n('{P}知识产权局') },
  { key: 'sta', kind: 'government', province: n('国家税务总局{P}税务局', '{P}税务局') },
  { key: 'pbc', kind: 'government', province: n('中国人民银行{P}分行', '人民银行{P}分行') },
  {
    key: 'publicity',
    kind: 'party',
    province: n('中共{P}委员会宣传部', '{P}委宣传部'),
    city: n('中共{P}委员会宣传部', '{P}委宣传部'),
  },
  {
    key: 'npc_office',
    kind: 'congress',
    province: n('{P}人民代表大会常务委员会办公厅', '{P}人大常委会办公厅'),
  },
  {
    key: 'cppcc_office',
    kind: 'cppcc',
    province: n('中国人民政治协商会议{P}委员会办公厅', '{P}政协办公厅'),
  },
  {
    key: 'court',
    kind: 'court',
    province: n('{P}高级人民法院', '{P}高院'),
    city: n('{P}中级人民法院', '{P}中院'),
  },
  { key: 'procuratorate', kind: 'procuratorate', province: n('{P}人民检察院', '{P}检察院') },
];

/** Telephone area codes of provincial capitals, by the province's 2-digit code. */
export const CAPITAL_AREA_CODES: Readonly<Record<string, string>> = {
  '11': '010',
  '12': '022',
  '13': '0311',
  '14': '0351',
  '15': '0471',
  '21': '024',
  '22': '0431',
  '23': '0451',
  '31': '021',
  '32': '025',
  '33': '0571',
  '34': '0551',
  '35': '0591',
  '36': '0791',
  '37': '0531',
  '41': '0371',
  '42': '027',
  '43': '0731',
  '44': '020',
  '45': '0771',
  '46': '0898',
  '50': '023',
  '51': '028',
  '52': '0851',
  '53': '0871',
  '54': '0891',
  '61': '029',
  '62': '0931',
  '63': '0971',
  '64': '0951',
  '65': '0991',
};

/** Area codes of some large cities, by their 4-digit prefecture code. */
export const CITY_AREA_CODES: Readonly<Record<string, string>> = {
  '4403': '0755',
  '4404': '0756',
  '4405': '0754',
  '4406': '0757',
  '4419': '0769',
  '4420': '0760',
  '3302': '0574',
  '3303': '0577',
  '3205': '0512',
  '3202': '0510',
  '3702': '0532',
  '3502': '0592',
  '3505': '0595',
  '2102': '0411',
  '4103': '0379',
  '1302': '0315',
  '3206': '0513',
  '3207': '0518',
  '3304': '0573',
  '3306': '0575',
  '3307': '0579',
};

export type TIndustry = {
  /** The industry as it appears in names: 钢铁工业, 家具, 物流与供应链管理. */
  word: string;
  /** The national organ that sponsored associations of this industry before decoupling. */
  organ: TOrganKey;
  /** English, for national names. */
  en: string;
  /** The suffix the national association really uses, and its real short name. */
  national?: { suffix: string; shortName?: string };
};

const ind = (word: string, organ: TOrganKey, en: string, national?: TIndustry['national']): TIndustry =>
  national ? { word, organ, en, national } : { word, organ, en };

export const INDUSTRIES: readonly TIndustry[] = [
  ind('钢铁工业', 'miit', 'Iron and Steel Industry', { suffix: '协会', shortName: '中钢协' }),
  ind('汽车工业', 'miit', 'Automobile Manufacturers', { suffix: '协会', shortName: '中汽协' }),
  ind('有色金属工业', 'miit', 'Nonferrous Metals Industry'),
  ind('机械工业', 'miit', 'Machinery Industry', { suffix: '联合会', shortName: '机械联' }),
  ind('石油和化学工业', 'miit', 'Petroleum and Chemical Industry', {
    suffix: '联合会',
    shortName: '石化联合会',
  }),
  ind('纺织工业', 'miit', 'Textile Industry', { suffix: '联合会', shortName: '中纺联' }),
  ind('轻工业', 'miit', 'Light Industry', { suffix: '联合会' }),
  ind('电子信息产业', 'miit', 'Electronic Information Industry'),
  ind('软件行业', 'miit', 'Software Industry'),
  ind('通信企业', 'miit', 'Communications Enterprise'),
  ind('电器工业', 'miit', 'Electrical Equipment Industry'),
  ind('家用电器', 'miit', 'Household Electrical Appliances'),
  ind('照明电器', 'miit', 'Lighting Appliances'),
  ind('五金制品', 'miit', 'Hardware Products'),
  ind('塑料加工工业', 'miit', 'Plastics Processing Industry'),
  ind('橡胶工业', 'miit', 'Rubber Industry'),
  ind('化学纤维工业', 'miit', 'Chemical Fibers'),
  ind('工程机械工业', 'miit', 'Construction Machinery'),
  ind('农业机械工业', 'miit', 'Agricultural Machinery'),
  ind('机床工具工业', 'miit', 'Machine Tool and Accessory Builders'),
  ind('模具工业', 'miit', 'Die and Mould Industry'),
  ind('光伏行业', 'miit', 'Photovoltaic Industry'),
  ind('半导体行业', 'miit', 'Semiconductor Industry'),
  ind('电池工业', 'miit', 'Battery Industry'),
  ind('造纸', 'miit', 'Paper'),
  ind('印刷', 'miit', 'Printing'),
  ind('包装', 'miit', 'Packaging'),
  ind('家具', 'miit', 'Furniture'),
  ind('皮革', 'miit', 'Leather'),
  ind('服装', 'miit', 'Garment'),
  ind('制鞋', 'miit', 'Footwear'),
  ind('陶瓷', 'miit', 'Ceramics'),
  ind('玻璃', 'miit', 'Glass'),
  ind('仪器仪表', 'miit', 'Instrument'),
  ind('工业气体', 'miit', 'Industrial Gases'),
  ind('稀土行业', 'miit', 'Rare Earth Industry'),
  ind('集成电路', 'miit', 'Integrated Circuit'),
  ind('商业', 'mofcom', 'Commerce', { suffix: '联合会' }),
  ind('连锁经营', 'mofcom', 'Chain Store and Franchise'),
  ind('百货商业', 'mofcom', 'Department Store'),
  ind('电子商务', 'mofcom', 'E-Commerce'),
  ind('餐饮', 'mofcom', 'Catering'),
  ind('烹饪', 'mofcom', 'Cuisine'),
  ind('饭店', 'mofcom', 'Hotel'),
  ind('拍卖行业', 'mofcom', 'Auctioneers'),
  ind('典当行业', 'mofcom', 'Pawnbroking'),
  ind('再生资源回收利用', 'mofcom', 'Resources Recycling'),
  ind('汽车流通', 'mofcom', 'Automobile Dealers'),
  ind('家电流通', 'mofcom', 'Home Appliance Distribution'),
  ind('医药商业', 'mofcom', 'Pharmaceutical Commerce'),
  ind('酒类流通', 'mofcom', 'Alcoholic Drinks Distribution'),
  ind('肉类', 'mofcom', 'Meat'),
  ind('蔬菜流通', 'mofcom', 'Vegetable Distribution'),
  ind('果品流通', 'mofcom', 'Fruit Marketing'),
  ind('服务外包', 'mofcom', 'Service Outsourcing'),
  ind('会展', 'mofcom', 'Exhibition'),
  ind('二手车流通', 'mofcom', 'Used Car Dealers'),
  ind('美容美发', 'mofcom', 'Hairdressing and Beauty'),
  ind('国际货运代理', 'mofcom', 'International Freight Forwarders'),
  ind('畜牧业', 'moa', 'Animal Agriculture'),
  ind('水产流通与加工', 'moa', 'Aquatic Products Processing and Marketing'),
  ind('种子', 'moa', 'Seed'),
  ind('饲料工业', 'moa', 'Feed Industry'),
  ind('农药工业', 'moa', 'Crop Protection Industry'),
  ind('乳制品工业', 'moa', 'Dairy Industry'),
  ind('茶叶流通', 'moa', 'Tea Marketing'),
  ind('农产品加工', 'moa', 'Agricultural Products Processing'),
  ind('农业生产资料流通', 'moa', 'Agricultural Means of Production'),
  ind('渔业', 'moa', 'Fisheries'),
  ind('建筑业', 'mohurd', 'Construction Industry'),
  ind('房地产业', 'mohurd', 'Real Estate'),
  ind('建筑装饰', 'mohurd', 'Building Decoration'),
  ind('勘察设计', 'mohurd', 'Engineering Survey and Design'),
  ind('建设监理', 'mohurd', 'Engineering Consultants'),
  ind('城镇供水排水', 'mohurd', 'Urban Water'),
  ind('城市燃气', 'mohurd', 'City Gas'),
  ind('物业管理', 'mohurd', 'Property Management'),
  ind('园林绿化', 'mohurd', 'Landscape'),
  ind('市政工程', 'mohurd', 'Municipal Engineering'),
  ind('道路运输', 'mot', 'Road Transport'),
  ind('城市公共交通', 'mot', 'Urban Public Transport'),
  ind('出租汽车', 'mot', 'Taxi'),
  ind('港口', 'mot', 'Ports'),
  ind('船东', 'mot', 'Shipowners'),
  ind('汽车维修', 'mot', 'Automobile Maintenance'),
  ind('物流与采购', 'sasac', 'Logistics and Purchasing', { suffix: '联合会', shortName: '中物联' }),
  ind('物流与供应链管理', 'mot', 'Logistics and Supply Chain Management'),
  ind('企业管理', 'sasac', 'Enterprise Management'),
  ind('施工企业管理', 'sasac', 'Construction Enterprise Management'),
  ind('设备管理', 'sasac', 'Plant Engineering'),
  ind('质量', 'samr', 'Quality'),
  ind('标准化', 'samr', 'Standardization'),
  ind('认证认可', 'samr', 'Certification and Accreditation'),
  ind('计量测试', 'samr', 'Metrology and Testing'),
  ind('特种设备', 'samr', 'Special Equipment'),
  ind('民营医院', 'nhc', 'Non-Public Hospitals'),
  ind('健康管理', 'nhc', 'Health Management'),
  ind('医疗器械', 'nmpa', 'Medical Devices'),
  ind('化学制药工业', 'nmpa', 'Pharmaceutical Industry'),
  ind('中药', 'natcm', 'Traditional Chinese Medicine'),
  ind('化妆品', 'nmpa', 'Cosmetics'),
  ind('养老服务', 'mca', 'Elderly Care Services'),
  ind('殡葬', 'mca', 'Funeral'),
  ind('旅游', 'mct', 'Tourism'),
  ind('旅行社', 'mct', 'Travel Agencies'),
  ind('旅游饭店', 'mct', 'Tourist Hotels'),
  ind('演出', 'mct', 'Performing Arts'),
  ind('文化产业', 'mct', 'Cultural Industries'),
  ind('游乐园及附属设备', 'mct', 'Amusement Parks and Attractions'),
  ind('电力企业', 'nea', 'Electricity', { suffix: '联合会', shortName: '中电联' }),
  ind('煤炭工业', 'nea', 'Coal Industry'),
  ind('石油流通', 'nea', 'Petroleum Distribution'),
  ind('可再生能源', 'nea', 'Renewable Energy'),
  ind('风能', 'nea', 'Wind Energy'),
  ind('储能', 'nea', 'Energy Storage'),
  ind('银行业', 'nfra', 'Banking', { suffix: '协会' }),
  ind('证券业', 'csrc', 'Securities', { suffix: '协会' }),
  ind('保险行业', 'nfra', 'Insurance', { suffix: '协会' }),
  ind('小额贷款公司', 'nfra', 'Microcredit Companies'),
  ind('融资担保业', 'nfra', 'Financing Guarantee'),
  ind('融资租赁', 'nfra', 'Financial Leasing'),
  ind('期货业', 'csrc', 'Futures'),
  ind('支付清算', 'pbc', 'Payment and Clearing'),
  ind('林产工业', 'forestry', 'Forest Products Industry'),
  ind('木材与木制品流通', 'forestry', 'Timber and Wood Products Distribution'),
  ind('竹产业', 'forestry', 'Bamboo Industry'),
  ind('花卉', 'forestry', 'Flowers'),
  ind('粮食行业', 'grain', 'Grain Industry'),
  ind('粮油', 'grain', 'Cereals and Oils'),
  ind('体育用品', 'sport', 'Sporting Goods'),
  ind('健身', 'sport', 'Fitness'),
  ind('环境保护产业', 'mee', 'Environmental Protection Industry'),
  ind('环境卫生', 'mee', 'Environmental Sanitation'),
  ind('知识产权服务', 'cnipa', 'Intellectual Property Services'),
  ind('技术市场', 'most', 'Technology Market'),
  ind('科技企业孵化器', 'most', 'Technology Business Incubators'),
  ind('创业投资', 'ndrc', 'Venture Capital'),
  ind('价格', 'ndrc', 'Pricing'),
  ind('快递', 'spb', 'Express Delivery'),
  ind('民用机场', 'caac', 'Civil Airports'),
  ind('航空运输', 'caac', 'Air Transport'),
  ind('通用航空', 'caac', 'General Aviation'),
  ind('安全生产', 'mem', 'Work Safety'),
  ind('消防', 'mem', 'Fire Protection'),
  ind('广播电视设备', 'nrta', 'Broadcasting Equipment'),
  ind('网络视听', 'nrta', 'Online Audio-Visual'),
  ind('人力资源服务', 'mohrss', 'Human Resource Services'),
  ind('民办教育', 'moe', 'Private Education'),
  ind('教育装备', 'moe', 'Educational Equipment'),
  ind('水利工程', 'mwr', 'Water Engineering'),
  ind('节水灌溉', 'mwr', 'Water-Saving Irrigation'),
  ind('报关', 'customs', 'Customs Brokers'),
  ind('保安服务', 'mps', 'Security Services'),
  ind('公证', 'moj', 'Notary Services'),
];

/** The six national import and export chambers under the commerce ministry (real names). */
export const TRADE_CHAMBERS: readonly { word: string; en: string }[] = [
  { word: '五矿化工进出口', en: 'Metals, Minerals and Chemicals Importers and Exporters' },
  { word: '食品土畜进出口', en: 'Foodstuffs, Native Produce and Animal By-Products' },
  { word: '纺织品进出口', en: 'Textiles Importers and Exporters' },
  { word: '机电产品进出口', en: 'Machinery and Electronic Products' },
  { word: '医药保健品进出口', en: 'Medicines and Health Products' },
  { word: '轻工工艺品进出口', en: 'Light Industrial Products and Arts-Crafts' },
];

/** Places whose natives form chambers of commerce in other cities (异地商会). */
export const ORIGIN_PLACES: readonly string[] = [
  '浙江',
  '福建',
  '温州',
  '潮汕',
  '江西',
  '湖南',
  '四川',
  '河南',
  '安徽',
  '山东',
  '江苏',
  '湖北',
  '广西',
  '晋江',
  '莆田',
  '泉州',
  '台州',
  '宁波',
  '重庆',
  '陕西',
];

/** Topics of promotion associations (促进会). */
export const PROMOTION_TOPICS: readonly { word: string; organ: TOrganKey }[] = [
  { word: '中小企业发展', organ: 'miit' },
  { word: '民营经济发展', organ: 'ndrc' },
  { word: '品牌建设', organ: 'samr' },
  { word: '绿色建筑', organ: 'mohurd' },
  { word: '跨境电子商务', organ: 'mofcom' },
  { word: '乡村旅游', organ: 'mct' },
  { word: '食品安全', organ: 'samr' },
  { word: '现代农业', organ: 'moa' },
  { word: '数字经济', organ: 'miit' },
  { word: '国际贸易', organ: 'mofcom' },
];

/** Academic subjects (学会, 研究会): out of the decoupling scope, they keep their supervising units. */
export const ACADEMIC_SUBJECTS: readonly { word: string; organ: TOrganKey }[] = [
  { word: '会计', organ: 'mof' },
  { word: '财政', organ: 'mof' },
  { word: '税务', organ: 'sta' },
  { word: '价格', organ: 'ndrc' },
  { word: '统计', organ: 'stats' },
  { word: '水利', organ: 'mwr' },
  { word: '公路', organ: 'mot' },
  { word: '土木建筑', organ: 'mohurd' },
  { word: '城市规划', organ: 'mnr' },
  { word: '农学', organ: 'moa' },
  { word: '林学', organ: 'forestry' },
  { word: '中医药', organ: 'natcm' },
  { word: '预防医学', organ: 'nhc' },
  { word: '环境科学', organ: 'mee' },
  { word: '气象', organ: 'cma' },
  { word: '审计', organ: 'nao' },
  { word: '教育', organ: 'moe' },
  { word: '体育科学', organ: 'sport' },
  { word: '文物保护', organ: 'mct' },
  { word: '法学', organ: 'moj' },
];

export const ROADS: readonly string[] = [
  ...'人民路 解放路 中山路 建设路 长江路 黄河路 和平路 新华路 胜利路 文化路 光明路 幸福路 东风路 朝阳路 学府路 滨江路 复兴路 环城路 工业大道 科技路 金融街 友谊路 青年路 迎宾大道 世纪大道 府前街 人民大道 北京路 南京路 延安路 振兴路 发展大道 创业路 民主路 团结路 跃进路 五一路 八一路 新城大道 湖滨路'.split(
    ' ',
  ),
];

export const BUILDINGS: readonly string[] = [
  '国际大厦',
  '商会大厦',
  '科技大厦',
  '金融中心',
  '商务中心',
  '国贸中心',
  '财富广场',
  '世纪大厦',
  '创新大厦',
  '会展中心',
];
