// What the generator combines into product names: kinds of goods a Russian supermarket stocks, with
// their variants, pack sizes, usual price range and VAT rate, and fictional brands. Brands are made
// up on purpose, so demo data never advertises or misprices a real one.
import type { CategoryKey } from './categories';
import { Vat } from './demo-catalog';
import type { Names } from './rows';

export interface Brand {
  names: Names;
  /** Economy brands sell below the kind's usual price, premium ones above it. */
  tier: number;
}

export interface PackSize {
  names: Names;
  /** In the kind's own measure (grams, millilitres, pieces); only ratios between sizes matter. */
  amount: number;
}

export interface Kind {
  category: CategoryKey;
  noun: Names;
  variants: readonly Names[];
  /** The first size is the one `price` is for; weighed kinds have none, their price is per kg. */
  sizes: readonly PackSize[];
  brands: readonly Brand[];
  /** 'origin' brands are countries: "Apples Gala (Serbia)". */
  brandStyle: 'maker' | 'origin';
  /** Usual shelf price range of the first size (or of 1 kg), in kopecks. */
  price: readonly [number, number];
  taxRateBp: number;
  /** Relative share of the generated catalogue. */
  share: number;
}

const n = (ru: string, en: string, zh: string): Names => ({ ru, en, 'zh-CN': zh });
const brand = (ru: string, en: string, zh: string, tier = 1): Brand => ({ names: n(ru, en, zh), tier });

const decimal = (value: number) => ({ ru: String(value).replace('.', ','), en: String(value) });
const measure =
  (ruUnit: string, enUnit: string, zhUnit: string, scale: number) =>
  (value: number): PackSize => {
    const { ru, en } = decimal(value);
    return { names: n(`${ru} ${ruUnit}`, `${en} ${enUnit}`, `${en}${zhUnit}`), amount: value * scale };
  };
const g = measure('г', 'g', '克', 1);
const kg = measure('кг', 'kg', '公斤', 1000);
const ml = measure('мл', 'ml', '毫升', 1);
const l = measure('л', 'L', '升', 1000);
const pcs = (count: number): PackSize => ({ names: n(`${count} шт.`, `${count} pcs`, `${count}个`), amount: count });
const eggs = (count: number): PackSize => ({ names: n(`${count} шт.`, `${count} pcs`, `${count}枚`), amount: count });
const rolls = (count: number): PackSize => ({
  names: n(`${count} рулонов`.replace(/^4 рулонов$/, '4 рулона'), `${count} rolls`, `${count}卷`),
  amount: count,
});
const teaBags = (count: number): PackSize => ({
  names: n(`${count} пакетиков`, `${count} bags`, `${count}袋`),
  amount: count * 2,
});

const brands = {
  dairy: [
    brand('Северная ферма', 'Northern Farm', '北方农场'),
    brand('Луговое раздолье', 'Meadow Plenty', '草原丰收', 0.9),
    brand('Деревенский двор', 'Village Yard', '乡村庭院', 1.15),
    brand('Молочная речка', 'Milk River', '牛奶河', 0.85),
    brand('Зелёная долина', 'Green Valley', '绿谷', 1.3),
    brand('Алтайские луга', 'Altai Meadows', '阿尔泰草原', 1.1),
    brand('Вологодское утро', 'Vologda Morning', '沃洛格达之晨', 1.2),
    brand('Белая берёза', 'White Birch', '白桦'),
  ],
  bakery: [
    brand('Хлебный дом', 'Bread House', '面包之家'),
    brand('Пекарня № 1', 'Bakery No. 1', '一号面包房', 1.2),
    brand('Золотой колосок', 'Golden Ear', '金麦穗', 0.9),
    brand('Русский каравай', 'Russian Karavai', '俄罗斯大面包'),
    brand('Тёплый хлеб', 'Warm Bread', '暖面包', 1.1),
  ],
  meat: [
    brand('Мясной двор', 'Meat Yard', '肉庄'),
    brand('Окская ферма', 'Oka Farm', '奥卡农场', 1.2),
    brand('Сибирский фермер', 'Siberian Farmer', '西伯利亚农夫', 1.1),
    brand('Золотой петушок', 'Golden Cockerel', '金公鸡', 0.9),
    brand('Уральские колбасы', 'Ural Sausages', '乌拉尔香肠', 0.85),
  ],
  grocery: [
    brand('Добрая кладовая', 'Good Pantry', '好储藏室'),
    brand('Поле чудес', 'Field of Wonders', '奇迹田野', 0.85),
    brand('Волжские просторы', 'Volga Expanse', '伏尔加原野'),
    brand('Золотая нива', 'Golden Field', '金色田野', 1.1),
    brand('Бабушкин амбар', 'Granny’s Barn', '奶奶的谷仓', 1.2),
    brand('Кубанская кухня', 'Kuban Kitchen', '库班厨房', 0.9),
  ],
  hotDrinks: [
    brand('Утренний лес', 'Morning Forest', '晨林'),
    brand('Чайная тропа', 'Tea Trail', '茶道', 1.2),
    brand('Кофейня на углу', 'Corner Café', '街角咖啡馆', 1.3),
    brand('Золотой лист', 'Golden Leaf', '金叶', 0.9),
    brand('Восточный экспресс', 'Orient Express', '东方快车', 1.1),
  ],
  sweets: [
    brand('Сладкий край', 'Sweet Land', '甜蜜之乡'),
    brand('Красная заря', 'Red Dawn', '红色黎明', 1.15),
    brand('Бабушкины сладости', 'Granny’s Sweets', '奶奶的甜点', 1.1),
    brand('Лесная сказка', 'Forest Tale', '森林童话', 0.9),
    brand('Звёздочка', 'Little Star', '小星星', 0.85),
  ],
  frozen: [
    brand('Зимний погребок', 'Winter Cellar', '冬日地窖'),
    brand('Сибирская кухня', 'Siberian Kitchen', '西伯利亚厨房', 1.15),
    brand('Ледяная сказка', 'Ice Tale', '冰雪童话', 0.9),
    brand('Пельменная № 5', 'Pelmennaya No. 5', '五号饺子馆', 1.25),
  ],
  drinks: [
    brand('Родники России', 'Springs of Russia', '俄罗斯之泉', 0.9),
    brand('Кавказские вершины', 'Caucasus Peaks', '高加索之巅', 1.2),
    brand('Сады Придонья', 'Don Orchards', '顿河果园'),
    brand('Лимонадная фабрика', 'Lemonade Factory', '柠檬水工厂', 1.1),
    brand('Старая бочка', 'Old Barrel', '老木桶'),
  ],
  household: [
    brand('Чистый дом', 'Clean Home', '洁净之家'),
    brand('Белоснежка', 'Snow White', '白雪', 0.85),
    brand('Свежесть', 'Freshness', '清新', 0.95),
    brand('Мягкое облако', 'Soft Cloud', '柔软云朵', 1.2),
    brand('Блеск', 'Shine', '闪亮', 1.1),
  ],
  care: [
    brand('Травы Алтая', 'Altai Herbs', '阿尔泰草本', 1.1),
    brand('Русское поле', 'Russian Field', '俄罗斯田野', 0.85),
    brand('Жемчужная улыбка', 'Pearl Smile', '珍珠微笑'),
    brand('Лесная аптека', 'Forest Pharmacy', '森林药房', 1.2),
    brand('Мягкий уход', 'Gentle Care', '温和护理', 0.95),
  ],
  origins: [
    brand('Россия', 'Russia', '俄罗斯'),
    brand('Узбекистан', 'Uzbekistan', '乌兹别克斯坦', 1.05),
    brand('Азербайджан', 'Azerbaijan', '阿塞拜疆', 1.05),
    brand('Турция', 'Türkiye', '土耳其', 1.1),
    brand('Египет', 'Egypt', '埃及'),
    brand('Эквадор', 'Ecuador', '厄瓜多尔', 1.1),
    brand('Китай', 'China', '中国', 0.95),
    brand('Армения', 'Armenia', '亚美尼亚', 1.15),
    brand('Сербия', 'Serbia', '塞尔维亚'),
    brand('Марокко', 'Morocco', '摩洛哥', 1.05),
  ],
} as const;

const kind = (
  category: CategoryKey,
  noun: Names,
  variants: Names[],
  sizes: PackSize[],
  brandList: readonly Brand[],
  price: [number, number],
  taxRateBp: number,
  share = 1,
): Kind => ({ category, noun, variants, sizes, brands: brandList, brandStyle: 'maker', price, taxRateBp, share });

const byWeight = (
  category: CategoryKey,
  noun: Names,
  variants: Names[],
  brandList: readonly Brand[],
  pricePerKg: [number, number],
  taxRateBp: number,
): Kind => ({
  category,
  noun,
  variants,
  sizes: [],
  brands: brandList,
  brandStyle: brandList === brands.origins ? 'origin' : 'maker',
  price: pricePerKg,
  taxRateBp,
  share: 1,
});

const fats = (...values: string[]) => values.map((value) => n(`${value} %`, `${value.replace(',', '.')}%`, `${value.replace(',', '.')}%`));
const cheeses = [
  n('Гауда 45 %', 'Gouda 45%', '高达45%'),
  n('Российский 50 %', 'Rossiysky 50%', '俄罗斯50%'),
  n('Пошехонский 45 %', 'Poshekhonsky 45%', '波舍洪45%'),
  n('Сулугуни', 'Suluguni', '苏鲁古尼'),
  n('Маасдам 45 %', 'Maasdam 45%', '马斯丹45%'),
  n('Моцарелла', 'Mozzarella', '马苏里拉'),
];
const boiledSausages = [
  n('Докторская', 'Doktorskaya', '医生'),
  n('Молочная', 'Molochnaya', '牛奶'),
  n('Любительская', 'Lyubitelskaya', '爱好者'),
];

/** Piece goods: sold by the pack, each with its own EAN-13. */
export const pieceKinds: readonly Kind[] = [
  kind('milk', n('Молоко', 'Milk', '牛奶'), fats('1,5', '2,5', '3,2', '6'), [l(1), l(0.9), l(1.5), l(0.5)], brands.dairy, [6500, 11000], Vat.reduced, 4),
  kind('milk', n('Сливки', 'Cream', '奶油'), fats('10', '20', '33'), [ml(200), ml(500)], brands.dairy, [8000, 16000], Vat.reduced),
  kind('cultured', n('Кефир', 'Kefir', '开菲尔酸奶'), fats('1', '2,5', '3,2'), [l(0.9), l(0.5), l(1)], brands.dairy, [7000, 11000], Vat.reduced, 2),
  kind('cultured', n('Йогурт питьевой', 'Drinking yoghurt', '饮用酸奶'), [n('клубника', 'strawberry', '草莓味'), n('персик', 'peach', '桃子味'), n('черника', 'blueberry', '蓝莓味'), n('злаки', 'cereal', '谷物味'), n('натуральный', 'plain', '原味')], [g(270), g(900)], brands.dairy, [5000, 9000], Vat.reduced, 2),
  kind('cultured', n('Сметана', 'Smetana', '酸奶油'), fats('10', '15', '20', '25'), [g(300), g(180), g(400)], brands.dairy, [8000, 14000], Vat.reduced),
  kind('cultured', n('Творог', 'Tvorog', '奶渣'), fats('0', '5', '9'), [g(200), g(350)], brands.dairy, [9000, 16000], Vat.reduced),
  kind('cultured', n('Ряженка', 'Ryazhenka', '烤奶酸奶'), fats('2,5', '4'), [l(0.5), l(0.9)], brands.dairy, [6000, 10000], Vat.reduced),
  kind('cheese', n('Сыр', 'Cheese', '奶酪'), cheeses, [g(200), g(250), g(400)], brands.dairy, [15000, 35000], Vat.reduced, 2),
  kind('butter', n('Масло сливочное', 'Butter', '黄油'), fats('72,5', '82,5'), [g(180), g(400)], brands.dairy, [15000, 30000], Vat.reduced),
  kind('eggs', n('Яйца куриные', 'Chicken eggs', '鸡蛋'), [n('С0', 'C0', 'C0级'), n('С1', 'C1', 'C1级'), n('С2', 'C2', 'C2级')], [eggs(10), eggs(6), eggs(20)], brands.dairy, [9000, 16000], Vat.reduced),
  kind('bread', n('Хлеб', 'Bread', '面包'), [n('пшеничный', 'wheat', '小麦'), n('ржаной', 'rye', '黑麦'), n('Дарницкий', 'Darnitsky', '达尔尼茨基'), n('цельнозерновой', 'wholegrain', '全麦'), n('с семечками', 'with seeds', '葵花籽')], [g(400), g(300), g(700)], brands.bakery, [4000, 9000], Vat.reduced, 3),
  kind('bread', n('Батон', 'Loaf', '长面包'), [n('нарезной', 'sliced', '切片'), n('с изюмом', 'with raisins', '葡萄干')], [g(400), g(300)], brands.bakery, [4500, 8000], Vat.reduced),
  kind('pastry', n('Круассан', 'Croissant', '可颂'), [n('классический', 'classic', '经典'), n('с шоколадом', 'with chocolate', '巧克力'), n('с вишней', 'with cherry', '樱桃')], [g(60), g(240)], brands.bakery, [4000, 8000], Vat.reduced),
  kind('pastry', n('Пирожок', 'Pirozhok', '俄式馅饼'), [n('с капустой', 'with cabbage', '白菜'), n('с картофелем', 'with potato', '土豆'), n('с мясом', 'with meat', '肉'), n('с яблоком', 'with apple', '苹果')], [g(80), g(100)], brands.bakery, [3000, 6000], Vat.reduced),
  kind('sausages', n('Колбаса варёная', 'Boiled sausage', '熟香肠'), boiledSausages, [g(400), g(500)], brands.meat, [25000, 45000], Vat.reduced, 2),
  kind('sausages', n('Колбаса сырокопчёная', 'Dry-cured sausage', '生熏香肠'), [n('Салями', 'Salami', '萨拉米'), n('Сервелат', 'Cervelat', '塞尔维拉特'), n('Брауншвейгская', 'Braunschweig', '布劳恩施魏格')], [g(250), g(300)], brands.meat, [25000, 60000], Vat.reduced),
  kind('sausages', n('Сосиски', 'Frankfurters', '热狗肠'), [n('Молочные', 'milk', '牛奶'), n('Сливочные', 'cream', '奶油'), n('Венские', 'Viennese', '维也纳')], [g(330), g(450)], brands.meat, [17000, 30000], Vat.reduced),
  kind('freshMeat', n('Филе куриное', 'Chicken breast fillet', '鸡胸肉'), [n('охлаждённое', 'chilled', '冷鲜')], [g(800), g(500)], brands.meat, [33000, 50000], Vat.reduced),
  kind('freshMeat', n('Фарш', 'Mince', '肉馅'), [n('говяжий', 'beef', '牛肉'), n('свино-говяжий', 'pork and beef', '猪牛肉'), n('куриный', 'chicken', '鸡肉')], [g(400), g(500)], brands.meat, [20000, 40000], Vat.reduced),
  kind('grains', n('Крупа', 'Grain', '杂粮'), [n('гречневая', 'buckwheat', '荞麦'), n('рис круглозёрный', 'round-grain rice', '圆粒米'), n('рис длиннозёрный', 'long-grain rice', '长粒米'), n('пшено', 'millet', '小米'), n('булгур', 'bulgur', '布格麦'), n('перловая', 'pearl barley', '珍珠大麦')], [g(900), g(800), kg(1.5)], brands.grocery, [7000, 16000], Vat.reduced, 2),
  kind('grains', n('Хлопья овсяные', 'Rolled oats', '燕麦片'), [n('Геркулес', 'Hercules', '大力士'), n('быстрого приготовления', 'quick-cook', '速煮')], [g(500), kg(1)], brands.grocery, [5000, 10000], Vat.reduced),
  kind('pasta', n('Макароны', 'Pasta', '意大利面'), [n('спагетти', 'spaghetti', '直面'), n('перья', 'penne', '笔管面'), n('рожки', 'elbows', '弯管面'), n('спирали', 'fusilli', '螺旋面'), n('ракушки', 'shells', '贝壳面')], [g(450), g(400), g(900)], brands.grocery, [5000, 13000], Vat.reduced, 2),
  kind('oil', n('Масло подсолнечное', 'Sunflower oil', '葵花籽油'), [n('рафинированное', 'refined', '精炼'), n('нерафинированное', 'unrefined', '初榨'), n('для жарки', 'for frying', '煎炸用')], [l(1), l(0.9), l(5)], brands.grocery, [11000, 19000], Vat.reduced),
  kind('oil', n('Масло оливковое', 'Olive oil', '橄榄油'), [n('Extra Virgin', 'extra virgin', '特级初榨'), n('рафинированное', 'refined', '精炼')], [l(0.5), l(1)], brands.grocery, [50000, 120000], Vat.reduced),
  kind('sugar', n('Сахар', 'Sugar', '糖'), [n('песок', 'granulated', '白砂'), n('рафинад', 'cubes', '方'), n('тростниковый', 'cane', '蔗')], [kg(1), g(500)], brands.grocery, [7000, 20000], Vat.reduced),
  kind('sugar', n('Соль', 'Salt', '盐'), [n('поваренная', 'table', '食用'), n('йодированная', 'iodised', '加碘'), n('морская', 'sea', '海')], [kg(1), g(500)], brands.grocery, [2500, 9000], Vat.reduced),
  kind('tea', n('Чай чёрный', 'Black tea', '红茶'), [n('цейлонский', 'Ceylon', '锡兰'), n('ассам', 'Assam', '阿萨姆'), n('с бергамотом', 'Earl Grey', '伯爵'), n('кенийский', 'Kenyan', '肯尼亚')], [g(100), g(250)], brands.hotDrinks, [9000, 30000], Vat.standard),
  kind('tea', n('Чай в пакетиках', 'Tea bags', '袋泡茶'), [n('чёрный', 'black', '红茶'), n('зелёный с жасмином', 'jasmine green', '茉莉绿茶'), n('молочный улун', 'milk oolong', '奶香乌龙'), n('травяной', 'herbal', '草本')], [teaBags(25), teaBags(100)], brands.hotDrinks, [9000, 25000], Vat.standard),
  kind('coffee', n('Кофе молотый', 'Ground coffee', '研磨咖啡'), [n('арабика', 'arabica', '阿拉比卡'), n('эспрессо', 'espresso', '意式浓缩'), n('для турки', 'for cezve', '土耳其式')], [g(250), kg(1)], brands.hotDrinks, [30000, 90000], Vat.standard),
  kind('coffee', n('Кофе в зёрнах', 'Coffee beans', '咖啡豆'), [n('арабика', 'arabica', '阿拉比卡'), n('эспрессо', 'espresso', '意式浓缩')], [kg(1), g(250)], brands.hotDrinks, [90000, 200000], Vat.standard),
  kind('coffee', n('Кофе растворимый', 'Instant coffee', '速溶咖啡'), [n('сублимированный', 'freeze-dried', '冻干'), n('гранулированный', 'granulated', '颗粒')], [g(95), g(190)], brands.hotDrinks, [25000, 60000], Vat.standard),
  kind('spreads', n('Джем', 'Jam', '果酱'), [n('клубничный', 'strawberry', '草莓'), n('абрикосовый', 'apricot', '杏'), n('вишнёвый', 'cherry', '樱桃')], [g(320), g(700)], brands.grocery, [12000, 25000], Vat.standard),
  kind('spreads', n('Мёд', 'Honey', '蜂蜜'), [n('цветочный', 'wildflower', '百花'), n('гречишный', 'buckwheat', '荞麦'), n('липовый', 'linden', '椴树')], [g(250), g(500)], brands.grocery, [25000, 60000], Vat.standard),
  kind('chocolate', n('Шоколад', 'Chocolate', '巧克力'), [n('молочный', 'milk', '牛奶'), n('горький 70 %', 'dark 70%', '黑巧70%'), n('с фундуком', 'hazelnut', '榛子'), n('белый', 'white', '白'), n('с изюмом', 'raisin', '葡萄干')], [g(90), g(200)], brands.sweets, [8000, 16000], Vat.standard, 2),
  kind('chocolate', n('Конфеты в коробке', 'Boxed chocolates', '盒装巧克力'), [n('ассорти', 'assorted', '什锦'), n('пралине', 'praline', '果仁糖')], [g(200), g(400)], brands.sweets, [30000, 70000], Vat.standard),
  kind('biscuits', n('Печенье', 'Biscuits', '饼干'), [n('овсяное', 'oat', '燕麦'), n('сахарное', 'sugar', '糖'), n('с шоколадом', 'chocolate chip', '巧克力豆'), n('затяжное', 'Maria', '玛丽')], [g(300), g(200), g(500)], brands.sweets, [6000, 14000], Vat.standard, 2),
  kind('biscuits', n('Вафли', 'Wafers', '威化饼'), [n('лимонные', 'lemon', '柠檬'), n('шоколадные', 'chocolate', '巧克力'), n('сливочные', 'cream', '奶油')], [g(150), g(300)], brands.sweets, [5000, 12000], Vat.standard),
  kind('biscuits', n('Зефир', 'Zefir', '俄式棉花糖'), [n('ванильный', 'vanilla', '香草'), n('в шоколаде', 'chocolate-coated', '巧克力')], [g(250)], brands.sweets, [10000, 20000], Vat.standard),
  kind('dumplings', n('Пельмени', 'Pelmeni', '饺子'), [n('говяжьи', 'beef', '牛肉'), n('свино-говяжьи', 'pork and beef', '猪牛肉'), n('куриные', 'chicken', '鸡肉')], [g(800), g(400), g(900)], brands.frozen, [20000, 50000], Vat.reduced, 2),
  kind('dumplings', n('Вареники', 'Vareniki', '乌克兰饺子'), [n('с картофелем', 'potato', '土豆'), n('с творогом', 'tvorog', '奶渣'), n('с вишней', 'cherry', '樱桃')], [g(450), g(900)], brands.frozen, [15000, 30000], Vat.reduced),
  kind('iceCream', n('Мороженое', 'Ice cream', '冰淇淋'), [n('пломбир', 'plombir', '香草'), n('шоколадное', 'chocolate', '巧克力'), n('крем-брюле', 'crème brûlée', '焦糖'), n('эскимо', 'eskimo', '雪糕')], [g(80), g(450)], brands.frozen, [6000, 12000], Vat.reduced),
  kind('water', n('Вода питьевая', 'Drinking water', '饮用水'), [n('негазированная', 'still', '不含气'), n('газированная', 'sparkling', '含气')], [l(1.5), l(0.5), l(5)], brands.drinks, [4000, 9000], Vat.standard, 2),
  kind('water', n('Вода минеральная', 'Mineral water', '矿泉水'), [n('газированная', 'sparkling', '含气'), n('слабогазированная', 'lightly sparkling', '微含气')], [l(1.5), l(0.5)], brands.drinks, [6000, 12000], Vat.standard),
  kind('juice', n('Сок', 'Juice', '果汁'), [n('яблочный', 'apple', '苹果'), n('апельсиновый', 'orange', '橙'), n('томатный', 'tomato', '番茄'), n('мультифрукт', 'multifruit', '多种水果'), n('вишнёвый', 'cherry', '樱桃')], [l(1), l(2), l(0.2)], brands.drinks, [10000, 20000], Vat.standard, 2),
  kind('juice', n('Морс', 'Mors', '莓果饮'), [n('клюквенный', 'cranberry', '蔓越莓'), n('брусничный', 'lingonberry', '越橘')], [l(1)], brands.drinks, [9000, 16000], Vat.standard),
  kind('soda', n('Лимонад', 'Lemonade', '柠檬汽水'), [n('Тархун', 'Tarkhun', '龙蒿'), n('Дюшес', 'Duchesse', '梨味'), n('Буратино', 'Buratino', '布拉蒂诺'), n('лимон-лайм', 'lemon-lime', '柠檬青柠')], [l(1.5), l(0.5)], brands.drinks, [6000, 14000], Vat.standard),
  kind('kvass', n('Квас', 'Kvass', '格瓦斯'), [n('хлебный', 'bread', '面包'), n('окрошечный', 'for okroshka', '冷汤用'), n('тёмный', 'dark', '黑')], [l(1.5), l(1), l(2)], brands.drinks, [8000, 14000], Vat.standard),
  kind('laundry', n('Стиральный порошок', 'Washing powder', '洗衣粉'), [n('автомат', 'automatic', '机洗'), n('для цветного', 'colour', '彩色衣物'), n('для белого', 'whites', '白色衣物')], [kg(3), g(400), kg(6)], brands.household, [30000, 60000], Vat.standard),
  kind('laundry', n('Гель для стирки', 'Laundry gel', '洗衣液'), [n('универсальный', 'universal', '通用'), n('для детского белья', 'for baby clothes', '婴儿衣物')], [l(1), l(2)], brands.household, [30000, 70000], Vat.standard),
  kind('dishwashing', n('Средство для мытья посуды', 'Dishwashing liquid', '洗洁精'), [n('лимон', 'lemon', '柠檬'), n('алоэ', 'aloe', '芦荟'), n('яблоко', 'apple', '苹果')], [ml(500), l(1)], brands.household, [10000, 25000], Vat.standard),
  kind('cleaners', n('Средство чистящее', 'Cleaner', '清洁剂'), [n('для ванной', 'bathroom', '浴室'), n('для кухни', 'kitchen', '厨房'), n('для стёкол', 'glass', '玻璃')], [ml(500), ml(750)], brands.household, [12000, 30000], Vat.standard),
  kind('toiletPaper', n('Туалетная бумага', 'Toilet paper', '卫生纸'), [n('двухслойная', '2-ply', '双层'), n('трёхслойная', '3-ply', '三层')], [rolls(4), rolls(8), rolls(12)], brands.household, [15000, 30000], Vat.standard),
  kind('toiletPaper', n('Салфетки бумажные', 'Paper napkins', '纸巾'), [n('белые', 'white', '白色'), n('цветные', 'coloured', '彩色')], [pcs(100)], brands.household, [5000, 12000], Vat.standard),
  kind('bags', n('Пакеты для мусора', 'Bin bags', '垃圾袋'), [n('30 л', '30 L', '30升'), n('60 л', '60 L', '60升'), n('120 л', '120 L', '120升')], [pcs(20), pcs(30)], brands.household, [8000, 20000], Vat.standard),
  kind('shampoo', n('Шампунь', 'Shampoo', '洗发水'), [n('для всех типов волос', 'for all hair types', '适合所有发质'), n('против перхоти', 'anti-dandruff', '去屑'), n('с крапивой', 'with nettle', '荨麻')], [ml(400), ml(250)], brands.care, [20000, 50000], Vat.standard),
  kind('soap', n('Гель для душа', 'Shower gel', '沐浴露'), [n('морской бриз', 'sea breeze', '海风'), n('лаванда', 'lavender', '薰衣草'), n('кокос', 'coconut', '椰子')], [ml(250), ml(500)], brands.care, [15000, 40000], Vat.standard),
  kind('soap', n('Мыло туалетное', 'Soap bar', '香皂'), [n('детское', 'baby', '婴儿'), n('ромашка', 'chamomile', '洋甘菊'), n('хозяйственное 72 %', 'laundry 72%', '洗衣皂72%')], [g(90), g(150)], brands.care, [4000, 12000], Vat.standard),
  kind('oralCare', n('Зубная паста', 'Toothpaste', '牙膏'), [n('отбеливающая', 'whitening', '美白'), n('для чувствительных зубов', 'sensitive', '抗敏感'), n('с травами', 'herbal', '草本')], [ml(100), ml(75)], brands.care, [12000, 35000], Vat.standard),
  kind('oralCare', n('Зубная щётка', 'Toothbrush', '牙刷'), [n('средней жёсткости', 'medium', '中等硬度'), n('мягкая', 'soft', '软毛')], [pcs(1)], brands.care, [8000, 30000], Vat.standard),
];

/** Weighed goods: priced per kg, sold by PLU from a scale label. */
export const weighedKinds: readonly Kind[] = [
  byWeight('fruit', n('Яблоки', 'Apples', '苹果'), [n('Голден', 'Golden', '金冠'), n('Гала', 'Gala', '嘎啦'), n('Симиренко', 'Semerenko', '西米连科'), n('Фуджи', 'Fuji', '富士')], brands.origins, [9000, 25000], Vat.reduced),
  byWeight('fruit', n('Груши', 'Pears', '梨'), [n('Конференция', 'Conference', '康弗伦斯'), n('Вильямс', 'Williams', '威廉姆斯')], brands.origins, [15000, 30000], Vat.reduced),
  byWeight('fruit', n('Мандарины', 'Mandarins', '橘子'), [n('', '', '')], brands.origins, [12000, 30000], Vat.reduced),
  byWeight('fruit', n('Виноград', 'Grapes', '葡萄'), [n('кишмиш', 'seedless', '无籽'), n('Изабелла', 'Isabella', '伊莎贝拉')], brands.origins, [20000, 50000], Vat.reduced),
  byWeight('vegetables', n('Томаты', 'Tomatoes', '西红柿'), [n('сливовидные', 'plum', '李形'), n('розовые', 'pink', '粉红'), n('черри', 'cherry', '樱桃')], brands.origins, [15000, 45000], Vat.reduced),
  byWeight('vegetables', n('Огурцы', 'Cucumbers', '黄瓜'), [n('гладкие', 'smooth', '光皮'), n('короткоплодные', 'short', '短')], brands.origins, [10000, 30000], Vat.reduced),
  byWeight('vegetables', n('Лук репчатый', 'Onions', '洋葱'), [n('', '', '')], brands.origins, [3000, 7000], Vat.reduced),
  byWeight('vegetables', n('Морковь', 'Carrots', '胡萝卜'), [n('мытая', 'washed', '洗净')], brands.origins, [3500, 8000], Vat.reduced),
  byWeight('vegetables', n('Перец сладкий', 'Sweet peppers', '甜椒'), [n('красный', 'red', '红'), n('жёлтый', 'yellow', '黄')], brands.origins, [20000, 45000], Vat.reduced),
  byWeight('cheese', n('Сыр', 'Cheese', '奶酪'), cheeses, brands.dairy, [60000, 150000], Vat.reduced),
  byWeight('sausages', n('Колбаса варёная', 'Boiled sausage', '熟香肠'), boiledSausages, brands.meat, [40000, 90000], Vat.reduced),
  byWeight('freshMeat', n('Свинина', 'Pork', '猪肉'), [n('шея', 'neck', '颈肉'), n('корейка', 'loin', '里脊')], brands.meat, [40000, 80000], Vat.reduced),
  byWeight('freshMeat', n('Говядина', 'Beef', '牛肉'), [n('вырезка', 'tenderloin', '里脊'), n('лопатка', 'shoulder', '肩肉')], brands.meat, [60000, 150000], Vat.reduced),
  byWeight('freshMeat', n('Куриные бёдра', 'Chicken thighs', '鸡腿'), [n('охлаждённые', 'chilled', '冷鲜')], brands.meat, [25000, 40000], Vat.reduced),
  byWeight('chocolate', n('Конфеты', 'Sweets', '糖果'), [n('Птичье молоко', 'Bird’s milk', '鸟乳'), n('трюфели', 'truffles', '松露巧克力'), n('грильяж', 'nut brittle', '果仁脆糖'), n('ирис', 'toffee', '太妃糖')], brands.sweets, [40000, 120000], Vat.standard),
];
