import type { ReactNode } from 'react';
import { ConfigProvider, message, Modal } from 'antd';
import { hubTheme } from './theme.js';

let configured = false;

function configure(): void {
  if (configured) return;
  configured = true;
  // Static notices render outside the React tree: give them the hub's theme and the page's locale.
  ConfigProvider.config({
    holderRender: (children) => (
      <ConfigProvider theme={hubTheme} button={{ autoInsertSpace: false }}>
        {children}
      </ConfigProvider>
    ),
  });
  message.config({ top: 64, maxCount: 3 });
}

export function showMessage(kind: 'success' | 'error' | 'warning' | 'info', content: ReactNode): void {
  configure();
  void message[kind]({ content, duration: kind === 'error' || kind === 'info' ? 6 : 3 });
}

export function showDialog(kind: 'warning' | 'error' | 'info', title: ReactNode, content: ReactNode): void {
  configure();
  Modal[kind]({ title, content, okText: document.documentElement.lang === 'en' ? 'OK' : '知道了' });
}
