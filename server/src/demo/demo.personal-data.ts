/** Personal data in about 5% of texts: valid numbers, so that masking has something to do. */
import { digits, type Rng } from './demo.random.js';

const CARD_BINS = ['622202', '622848', '621700', '622588', '436742', '625965', '621483', '622609'] as const;
const AREA_CODES = [
  '110101',
  '110108',
  '310115',
  '310104',
  '440106',
  '440305',
  '330106',
  '320106',
  '510107',
  '420102',
  '610113',
  '120101',
  '500103',
  '320505',
] as const;
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const ID_CHECK = '10X98765432';

export function luhnCheckDigit(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

export function residentIdCheck(body17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body17[i]) * (ID_WEIGHTS[i] ?? 0);
  return ID_CHECK[sum % 11] ?? '0';
}

function mobile(rng: Rng): string {
  return `1${rng.pick(['3', '5', '7', '8', '9', '3', '8'])}${digits(rng, 9)}`;
}

function bankCard(rng: Rng): string {
  const length = rng.chance(0.6) ? 16 : 19;
  const body = rng.pick(CARD_BINS) + digits(rng, length - 7);
  return body + luhnCheckDigit(body);
}

function residentId(rng: Rng): string {
  const year = rng.int(1950, 2004);
  const month = rng.int(1, 12);
  const day = rng.int(1, 28);
  const body = `${rng.pick(AREA_CODES)}${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}${digits(rng, 3)}`;
  return body + residentIdCheck(body);
}

/** A sentence carrying a mobile number, a bank card number or a resident id. */
export function personalDataSentence(rng: Rng): string {
  const kind = rng.weighted([
    ['mobile', 5],
    ['card', 3],
    ['id', 2],
  ] as const);
  if (kind === 'mobile') {
    const m = mobile(rng);
    const shown = rng.chance(0.2) ? `${m.slice(0, 3)} ${m.slice(3, 7)} ${m.slice(7)}` : m;
    return rng.pick([`客户联系电话${shown}，请回电。`, `客户留下的手机号是${shown}。`, `回访号码：${shown}。`]);
  }
  if (kind === 'card') {
    const c = bankCard(rng);
    const shown = rng.chance(0.5) ? c.replace(/(\d{4})(?=\d)/g, '$1 ') : c;
    return rng.pick([`涉及卡号${shown}。`, `客户卡号为${shown}，请核实。`, `客户提供的卡号：${shown}。`]);
  }
  const id = residentId(rng);
  return rng.pick([`客户身份证号${id}。`, `客户证件号码：${id}，已核实身份。`]);
}
