import type { ThemeConfig } from 'antd';

/** CJK-first font stack, used by antd and by the page body (index.html). */
export const FONT_FAMILY =
  "'Noto Sans CJK SC', 'Noto Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif";

export const theme: ThemeConfig = {
  token: {
    fontFamily: FONT_FAMILY,
    borderRadius: 4,
  },
};
