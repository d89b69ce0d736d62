import type { ThemeConfig } from 'antd';

/** Calm and dense: a deep bank blue, system Chinese fonts (nothing loaded from the internet), text dark enough to read all day. */
export const hubTheme: ThemeConfig = {
  token: {
    colorPrimary: '#1a4f8b',
    colorInfo: '#1a4f8b',
    colorSuccess: '#2e7d32',
    colorWarning: '#ad6800',
    colorError: '#c62828',
    colorLink: '#1a4f8b',
    borderRadius: 4,
    fontSize: 14,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'WenQuanYi Micro Hei', 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
    // antd's lighter greys fall under WCAG AA contrast on white; these keep 4.5:1.
    colorTextSecondary: 'rgba(0, 0, 0, 0.66)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextDescription: 'rgba(0, 0, 0, 0.62)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
    // antd draws a List's and a Table's empty text in the disabled colour (1.9:1 on white by default), and
    // has no token of its own for it (a component-level override does not reach it under CSS variables):
    // 5:1 here. Disabled controls still read as disabled by their grey fill, border and cursor.
    colorTextDisabled: 'rgba(0, 0, 0, 0.58)',
    colorBgLayout: '#f3f5f8',
  },
  components: {
    Layout: { headerBg: '#ffffff', siderBg: '#0f2a4a', headerHeight: 52, headerPadding: '0 16px' },
    Menu: { darkItemBg: '#0f2a4a', darkSubMenuItemBg: '#0b223d', darkItemSelectedBg: '#1a4f8b', darkItemColor: 'rgba(255,255,255,0.85)' },
    Table: { cellPaddingBlockSM: 6, headerBg: '#f5f7fa' },
    Card: { headerFontSize: 15 },
  },
};
