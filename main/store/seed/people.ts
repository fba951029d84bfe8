// Names for demo customers of a Moscow store: mostly Russian, some Chinese (written in characters or
// in pinyin, as customers enter them), so search and identity matching meet both scripts.
import type { Rng } from './prng';
import { pick } from './prng';

// prettier-ignore
const maleNames = ['Александр', 'Дмитрий', 'Максим', 'Сергей', 'Андрей', 'Алексей', 'Артём', 'Илья', 'Кирилл', 'Михаил',
  'Никита', 'Матвей', 'Роман', 'Егор', 'Иван', 'Павел', 'Владимир', 'Николай', 'Олег', 'Юрий'];
// prettier-ignore
const femaleNames = ['Анна', 'Мария', 'Елена', 'Ольга', 'Наталья', 'Екатерина', 'Татьяна', 'Ирина', 'Светлана', 'Юлия',
  'Анастасия', 'Дарья', 'Полина', 'Ксения', 'Виктория', 'Алина', 'София', 'Марина', 'Людмила', 'Вера'];
// Masculine forms; feminine() derives the rest. Surnames in -ко and Korean Ким do not change.
// prettier-ignore
const surnames = ['Иванов', 'Смирнов', 'Кузнецов', 'Попов', 'Васильев', 'Петров', 'Соколов', 'Михайлов', 'Новиков',
  'Фёдоров', 'Морозов', 'Волков', 'Алексеев', 'Лебедев', 'Семёнов', 'Егоров', 'Павлов', 'Козлов', 'Степанов',
  'Николаев', 'Орлов', 'Андреев', 'Макаров', 'Никитин', 'Захаров', 'Зайцев', 'Соловьёв', 'Борисов', 'Яковлев',
  'Григорьев', 'Романов', 'Воробьёв', 'Сергеев', 'Кузьмин', 'Фролов', 'Александров', 'Дмитриев', 'Королёв', 'Гусев',
  'Киселёв', 'Ильин', 'Максимов', 'Поляков', 'Сорокин', 'Виноградов', 'Ковалёв', 'Белов', 'Медведев', 'Антонов',
  'Тарасов', 'Жуков', 'Баранов', 'Комаров', 'Давыдов', 'Беляев', 'Богданов', 'Осипов', 'Сидоров', 'Титов',
  'Миронов', 'Крылов', 'Куликов', 'Карпов', 'Денисов', 'Тихонов', 'Данилов', 'Высоцкий', 'Вишневский', 'Шевченко',
  'Бондаренко', 'Ким'];

// prettier-ignore
const chineseSurnames: readonly [string, string][] = [['王', 'Wang'], ['李', 'Li'], ['张', 'Zhang'], ['刘', 'Liu'],
  ['陈', 'Chen'], ['杨', 'Yang'], ['赵', 'Zhao'], ['黄', 'Huang'], ['周', 'Zhou'], ['吴', 'Wu'], ['徐', 'Xu'],
  ['孙', 'Sun'], ['马', 'Ma'], ['朱', 'Zhu'], ['胡', 'Hu'], ['郭', 'Guo'], ['何', 'He'], ['林', 'Lin'], ['高', 'Gao'],
  ['罗', 'Luo']];
// prettier-ignore
const chineseGivenNames: readonly [string, string][] = [['芳', 'Fang'], ['伟', 'Wei'], ['娜', 'Na'], ['敏', 'Min'],
  ['静', 'Jing'], ['丽', 'Li'], ['强', 'Qiang'], ['磊', 'Lei'], ['军', 'Jun'], ['洋', 'Yang'], ['勇', 'Yong'],
  ['艳', 'Yan'], ['杰', 'Jie'], ['涛', 'Tao'], ['明', 'Ming'], ['超', 'Chao'], ['秀英', 'Xiuying'], ['建华', 'Jianhua'],
  ['晓明', 'Xiaoming'], ['海燕', 'Haiyan'], ['子涵', 'Zihan'], ['雨轩', 'Yuxuan']];

function feminine(surname: string): string {
  if (surname.endsWith('ий')) return `${surname.slice(0, -2)}ая`;
  if (/(ов|ев|ёв|ин)$/.test(surname)) return `${surname}а`;
  return surname;
}

// Passport-style romanisation (as in Russian foreign passports since 2014), enough for e-mail names.
// prettier-ignore
const latin: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'i', к: 'k', л: 'l', м: 'm',
  н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch',
  ъ: 'ie', ы: 'y', ь: '', э: 'e', ю: 'iu', я: 'ia',
};
const romanise = (text: string): string =>
  [...text.toLowerCase()].map((char) => latin[char] ?? char).join('');

export interface Person {
  name: string;
  /** Latin letters for the local part of an e-mail address. */
  emailName: string;
}

const CHINESE_SHARE = 0.2;
const CHARACTERS_SHARE = 0.6;

export function randomPerson(rng: Rng): Person {
  if (rng() < CHINESE_SHARE) {
    const [surname, surnamePinyin] = pick(rng, chineseSurnames);
    const [given, givenPinyin] = pick(rng, chineseGivenNames);
    const emailName = `${surnamePinyin}${givenPinyin}`.toLowerCase();
    // Chinese order, family name first, in both scripts (as in "Li Wei").
    return rng() < CHARACTERS_SHARE
      ? { name: `${surname}${given}`, emailName }
      : { name: `${surnamePinyin} ${givenPinyin}`, emailName };
  }
  const female = rng() < 0.5;
  const first = pick(rng, female ? femaleNames : maleNames);
  let masculine = pick(rng, surnames);
  // Анна Иванова is a demo customer (demo-customers.ts): her name finds her alone.
  while (first === 'Анна' && masculine === 'Иванов') masculine = pick(rng, surnames);
  const last = female ? feminine(masculine) : masculine;
  return { name: `${first} ${last}`, emailName: `${romanise(first)}.${romanise(last)}` };
}
