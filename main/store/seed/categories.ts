// The demo store's category tree: one root, then department → category → shelf, as a Russian
// supermarket lays it out. Fixed, because the demo catalogue and the generator both file their
// products under it.
import type { Names } from './rows';

const tree = [
  ['catalogue', null, 'Все товары', 'All products', '全部商品'],
  ['food', 'catalogue', 'Продукты питания', 'Food', '食品'],
  ['dairy', 'food', 'Молочные продукты и яйца', 'Dairy & eggs', '乳制品和蛋类'],
  ['milk', 'dairy', 'Молоко и сливки', 'Milk & cream', '牛奶和奶油'],
  ['cultured', 'dairy', 'Кефир, йогурты, творог', 'Kefir, yoghurt & tvorog', '酸奶和奶渣'],
  ['cheese', 'dairy', 'Сыры', 'Cheese', '奶酪'],
  ['butter', 'dairy', 'Сливочное масло', 'Butter', '黄油'],
  ['eggs', 'dairy', 'Яйца', 'Eggs', '鸡蛋'],
  ['bakery', 'food', 'Хлеб и выпечка', 'Bread & bakery', '面包和烘焙'],
  ['bread', 'bakery', 'Хлеб', 'Bread', '面包'],
  ['pastry', 'bakery', 'Выпечка', 'Pastries', '糕点'],
  ['produce', 'food', 'Овощи и фрукты', 'Fruit & vegetables', '蔬菜水果'],
  ['fruit', 'produce', 'Фрукты', 'Fruit', '水果'],
  ['vegetables', 'produce', 'Овощи', 'Vegetables', '蔬菜'],
  ['meat', 'food', 'Мясо, птица, колбасы', 'Meat, poultry & sausages', '肉类、禽类和香肠'],
  ['freshMeat', 'meat', 'Мясо и птица', 'Meat & poultry', '鲜肉和禽肉'],
  ['sausages', 'meat', 'Колбасы и сосиски', 'Sausages & frankfurters', '香肠和热狗肠'],
  ['grocery', 'food', 'Бакалея', 'Grocery', '粮油副食'],
  ['grains', 'grocery', 'Крупы', 'Grains', '米面杂粮'],
  ['pasta', 'grocery', 'Макароны', 'Pasta', '意大利面'],
  ['oil', 'grocery', 'Растительное масло', 'Cooking oil', '食用油'],
  ['sugar', 'grocery', 'Сахар и соль', 'Sugar & salt', '糖和盐'],
  ['tea', 'grocery', 'Чай', 'Tea', '茶叶'],
  ['coffee', 'grocery', 'Кофе', 'Coffee', '咖啡'],
  ['spreads', 'grocery', 'Джемы и пасты', 'Jams & spreads', '果酱和酱料'],
  ['sweets', 'food', 'Сладости', 'Sweets', '糖果零食'],
  ['chocolate', 'sweets', 'Шоколад и конфеты', 'Chocolate & sweets', '巧克力和糖果'],
  ['biscuits', 'sweets', 'Печенье и вафли', 'Biscuits & wafers', '饼干和威化'],
  ['frozen', 'food', 'Замороженные продукты', 'Frozen food', '冷冻食品'],
  ['dumplings', 'frozen', 'Пельмени и вареники', 'Pelmeni & vareniki', '饺子'],
  ['iceCream', 'frozen', 'Мороженое', 'Ice cream', '冰淇淋'],
  ['drinks', 'catalogue', 'Напитки', 'Drinks', '饮料'],
  ['softDrinks', 'drinks', 'Безалкогольные напитки', 'Soft drinks', '软饮料'],
  ['water', 'softDrinks', 'Вода', 'Water', '饮用水'],
  ['juice', 'softDrinks', 'Соки и морсы', 'Juice & mors', '果汁'],
  ['soda', 'softDrinks', 'Газированные напитки', 'Fizzy drinks', '碳酸饮料'],
  ['kvass', 'softDrinks', 'Квас', 'Kvass', '格瓦斯'],
  ['household', 'catalogue', 'Товары для дома', 'Household', '家居用品'],
  ['cleaning', 'household', 'Бытовая химия', 'Cleaning & laundry', '清洁和洗衣'],
  ['laundry', 'cleaning', 'Средства для стирки', 'Laundry detergents', '洗衣剂'],
  ['dishwashing', 'cleaning', 'Средства для посуды', 'Dishwashing', '洗碗剂'],
  ['cleaners', 'cleaning', 'Чистящие средства', 'Cleaners', '清洁剂'],
  ['paperGoods', 'household', 'Бумажная продукция', 'Paper goods', '纸制品'],
  ['toiletPaper', 'paperGoods', 'Туалетная бумага и салфетки', 'Toilet paper & tissues', '卫生纸和纸巾'],
  ['bags', 'paperGoods', 'Пакеты', 'Bags', '购物袋'],
  ['personalCare', 'catalogue', 'Красота и гигиена', 'Health & beauty', '个人护理'],
  ['hygiene', 'personalCare', 'Гигиена', 'Hygiene', '卫生用品'],
  ['shampoo', 'hygiene', 'Шампуни', 'Shampoo', '洗发水'],
  ['oralCare', 'hygiene', 'Зубные пасты и щётки', 'Oral care', '口腔护理'],
  ['soap', 'hygiene', 'Мыло и гели для душа', 'Soap & shower gel', '香皂和沐浴露'],
  ['pressAndPost', 'catalogue', 'Книги, пресса, почта', 'Books, press & post', '图书报刊和邮政'],
  ['books', 'pressAndPost', 'Книги', 'Books', '图书'],
  ['stamps', 'pressAndPost', 'Почтовые марки', 'Postage stamps', '邮票'],
  ['charity', 'pressAndPost', 'Благотворительность', 'Charity', '慈善'],
] as const;

export type CategoryKey = (typeof tree)[number][0];

export interface CategoryRow {
  id: number;
  parentId: number | null;
  names: Names;
}

const idByKey = new Map<string, number>(tree.map(([key], index) => [key, index + 1]));

export function categoryId(key: CategoryKey): number {
  const id = idByKey.get(key);
  if (id === undefined) throw new RangeError(`no category ${key}`);
  return id;
}

/** Parents come before their children, so the rows insert in order under foreign keys. */
export const demoCategories: readonly CategoryRow[] = tree.map(([key, parent, ru, en, zh]) => ({
  id: categoryId(key),
  parentId: parent === null ? null : categoryId(parent),
  names: { ru, en, 'zh-CN': zh },
}));
