/**
 * Wulong's 26 township-level divisions (2 subdistricts, 12 towns, 12 townships, as the
 * policy counts them in arts. 6 and 10). Codes are synthetic (500156 + 3 digits).
 */
export const TOWNSHIPS: readonly { zh: string; en: string }[] = [
  { zh: '凤山街道', en: 'Fengshan Subdistrict' },
  { zh: '芙蓉街道', en: 'Furong Subdistrict' },
  { zh: '白马镇', en: 'Baima Town' },
  { zh: '江口镇', en: 'Jiangkou Town' },
  { zh: '火炉镇', en: 'Huolu Town' },
  { zh: '鸭江镇', en: 'Yajiang Town' },
  { zh: '羊角镇', en: 'Yangjiao Town' },
  { zh: '仙女山镇', en: 'Xiannüshan Town' },
  { zh: '桐梓镇', en: 'Tongzi Town' },
  { zh: '土坎镇', en: 'Tukan Town' },
  { zh: '和顺镇', en: 'Heshun Town' },
  { zh: '长坝镇', en: 'Changba Town' },
  { zh: '平桥镇', en: 'Pingqiao Town' },
  { zh: '双河镇', en: 'Shuanghe Town' },
  { zh: '凤来乡', en: 'Fenglai Township' },
  { zh: '庙垭乡', en: 'Miaoya Township' },
  { zh: '石桥乡', en: 'Shiqiao Township' },
  { zh: '黄莺乡', en: 'Huangying Township' },
  { zh: '沧沟乡', en: 'Canggou Township' },
  { zh: '文复乡', en: 'Wenfu Township' },
  { zh: '土地乡', en: 'Tudi Township' },
  { zh: '白云乡', en: 'Baiyun Township' },
  { zh: '后坪乡', en: 'Houping Township' },
  { zh: '浩口乡', en: 'Haokou Township' },
  { zh: '接龙乡', en: 'Jielong Township' },
  { zh: '赵家乡', en: 'Zhaojia Township' },
];

/** Syllables for synthetic village names (…村). */
export const VILLAGE_SYLLABLES = [
  '青', '石', '龙', '凤', '桥', '坪', '河', '山', '田', '坝', '岩', '水', '溪', '林', '茶', '竹',
  '松', '梨', '桃', '花', '云', '白', '黄', '新', '安', '和', '平', '兴', '长', '丰', '堡', '湾',
];

export const SURNAMES = [
  '王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭',
  '何', '罗', '高', '林', '冉', '谭', '向', '蒋', '彭', '唐', '邓', '韦', '秦', '廖',
];

export const GIVEN_CHARS = [
  '明', '国', '华', '建', '文', '军', '平', '志', '伟', '勇', '秀', '英', '兰', '芳', '玉', '珍',
  '德', '富', '贵', '春', '海', '林', '强', '红', '梅', '琴', '云', '福', '成', '庆', '光', '家',
];
