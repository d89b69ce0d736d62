import enUS from 'antd/locale/en_US';
import 'dayjs/locale/en';
import { en, enEnumLabels } from './messages.en.js';

/** Everything English, in one chunk loaded when a user first picks English. */
export { en, enEnumLabels, enUS };
