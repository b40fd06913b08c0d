import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { type ConcernCategory, type ConcernMatcher, findConcerns, parseConcernWordList } from "#root/domain/concern-words.ts";
import { loadConcernMatcher, loadConcernWordList } from "#root/i18n/concern-words.ts";

/** Messages a coordinator must hear about, with the category the alert must carry. */
const ALERTS: readonly (readonly [string, ConcernCategory])[] = [
  // Self-harm and suicide
  ["Я больше не хочу жить", "self-harm"],
  ["жить не хочется вообще", "self-harm"],
  ["Иногда думаю о суициде", "self-harm"],
  ["у меня суицидальные мысли", "self-harm"],
  ["хочу умереть", "self-harm"],
  ["мне хочется просто умереть и всё", "self-harm"],
  ["я убью себя", "self-harm"],
  ["Я хочу убить себя", "self-harm"],
  ["она порезала себе руки вчера", "self-harm"],
  ["я режу себя когда плохо", "self-harm"],
  ["думаю вскрыть вены", "self-harm"],
  ["лучше бы я умерла", "self-harm"],
  ["всем будет лучше без меня", "self-harm"],
  ["хочу спрыгнуть с крыши", "self-harm"],
  ["наглотаюсь таблеток и всё", "self-harm"],
  ["я никому не нужна", "self-harm"],
  ["устала жить", "self-harm"],
  ["мысли о самоубийстве не отпускают", "self-harm"],
  ["Я ХОЧУ УМЕРЕТЬ", "self-harm"],
  ["хочууу умеретььь", "self-harm"],
  ["я у б ь ю себя", "self-harm"],
  ["I want to die", "self-harm"],
  ["с у и ц и д", "self-harm"],
  ["хочу умер3ть", "self-harm"],
  ["хочу исчезнуть навсегда", "self-harm"],
  ["sometimes I think about killing myself", "self-harm"],
  ["I cut myself again", "self-harm"],
  // Violence
  ["я тебя убью", "violence"],
  ["Он сказал что убьёт меня", "violence"],
  ["у.б.ь.ю тебя", "violence"],
  ["yбью тебя", "violence"],
  ["отец бьёт меня ремнём", "violence"],
  ["папа меня бил вчера", "violence"],
  ["меня избили после школы", "violence"],
  ["он ударил меня", "violence"],
  ["отчим поднял на меня руку", "violence"],
  ["принесу нож в школу", "violence"],
  ["хочу взорвать школу", "violence"],
  ["перестреляю всех в классе", "violence"],
  ["мне угрожают старшеклассники", "violence"],
  ["I will kill you", "violence"],
  ["я тебя прибью", "violence"],
  ["у6ью", "violence"],
  ["he beats me every day", "violence"],
  // Bullying
  ["меня травят в классе", "bullying"],
  ["в прошлом году меня затравили", "bullying"],
  ["травля в школе продолжается", "bullying"],
  ["это настоящий буллинг", "bullying"],
  ["одноклассники издеваются надо мной", "bullying"],
  ["меня постоянно дразнят", "bullying"],
  ["обзывают жирной", "bullying"],
  ["они смеются надо мной", "bullying"],
  ["со мной никто не дружит", "bullying"],
  ["отобрали телефон на перемене", "bullying"],
  ["слили мои фотки в общий чат", "bullying"],
  ["ты тупая", "bullying"],
  ["I'm being bullied at school", "bullying"],
  // Private meetings and secrecy
  ["приходи ко мне домой", "private-meeting"],
  ["встретимся без родителей", "private-meeting"],
  ["без родителей встретимся, ладно?", "private-meeting"],
  ["никому не говори", "private-meeting"],
  ["не говори никому про это", "private-meeting"],
  ["это наш секрет", "private-meeting"],
  ["это будет наш маленький секрет", "private-meeting"],
  ["давай встретимся наедине", "private-meeting"],
  ["у меня дома никого не будет, заходи", "private-meeting"],
  ["маме не рассказывай", "private-meeting"],
  ["удали нашу переписку", "private-meeting"],
  ["напиши мне в телеграм лучше", "private-meeting"],
  ["скинь свой адрес", "private-meeting"],
  ["заберу тебя после школы", "private-meeting"],
  ["don't tell your parents", "private-meeting"],
  ["н е  г о в о р и  н и к о м у", "private-meeting"],
  ["it's our little secret", "private-meeting"],
  // Gifts and money
  ["переведу деньги", "gifts-money"],
  ["я переведу тебе на карту деньги", "gifts-money"],
  ["подарю телефон", "gifts-money"],
  ["я подарю тебе телефон", "gifts-money"],
  ["у меня для тебя подарок, тебе понравится", "gifts-money"],
  ["скинь номер карты", "gifts-money"],
  ["дам денег если сделаешь", "gifts-money"],
  ["куплю тебе новые кроссовки", "gifts-money"],
  ["Я тебе заплачу", "gifts-money"],
  ["скажи код из смс", "gifts-money"],
  ["закину тебе робуксов", "gifts-money"],
  ["I can send you money", "gifts-money"],
  // Sexual
  ["пришли фото в купальнике", "sexual"],
  ["скинь фотку в белье", "sexual"],
  ["разденься", "sexual"],
  ["хочу тебя поцеловать", "sexual"],
  ["ты выглядишь старше", "sexual"],
  ["у тебя есть парень?", "sexual"],
  ["давай поговорим про секс", "sexual"],
  ["покажи себя", "sexual"],
  ["ты уже взрослая", "sexual"],
  ["cкинь нюдсы", "sexual"],
  ["send me pics", "sexual"],
  ["you are very mature for your age", "sexual"],
];

/** Everyday school and mentoring talk, idioms and look-alike words: none of it may raise an alert. */
const ORDINARY: readonly string[] = [
  "Привет! Как дела в школе?",
  "Контрольная меня убила 😅",
  "эта контрольная просто убила меня",
  "математика меня убьёт",
  "домашка убивает",
  "убил на это весь вечер",
  "убила кучу времени на презентацию",
  "надо как-то убить время до поезда",
  "мама меня убьёт за двойку",
  "в майнкрафте убил дракона",
  "меня убили в катке, обидно",
  "в книге убийца оказался дворецким",
  "это был убийственно скучный урок",
  "купил кубик Рубика",
  "мы зашли в тупик с задачей",
  "это тупиковая ветка",
  "решаем задачу на деньги в математике",
  "сколько денег стоит билет в музей?",
  "карманные деньги трачу на обеды",
  "хочу подарить маме подарок на 8 марта",
  "что подарить подруге на день рождения?",
  "трава зелёная, весна",
  "на траве роса",
  "он любит травить анекдоты",
  "я чуть не умер от смеха",
  "умираю от скуки на физике",
  "нарежь хлеб к ужину",
  "порезала палец бумагой",
  "режу овощи для салата",
  "он ударил по мячу и забил гол",
  "сердце бьётся быстро после бега",
  "наш класс выиграл олимпиаду",
  "секрет успеха в регулярности",
  "секретарь директора попросила документы",
  "давай созвонимся в четверг",
  "встреча с классом в пятницу",
  "встретимся в библиотеке после уроков?",
  "можешь прислать фото домашки?",
  "скинь фото расписания",
  "родители разрешили поехать на экскурсию",
  "мама сказала, что придёт на собрание",
  "я поговорю с родителями про кружок",
  "моя бабушка живёт в деревне",
  "сегодня долго гуляли с собакой",
  "у меня болит голова, выпила таблетку",
  "завтра тест по истории",
  "я не понимаю дроби",
  "хочу поступить в колледж",
  "какие книги почитать летом?",
  "Я боюсь выступать перед классом",
  "спасибо за помощь с эссе!",
  "у меня получилось сдать ОГЭ",
  "на физре мы играли в волейбол",
  "в пятницу будет классный час",
  "учительница подарила нам грамоты",
  "повесил плакат в комнате",
  "прыгнул в длину на 4 метра",
  "в биологии проходили половое размножение растений",
  "убийство Цезаря в кино показали интересно",
  "This test is killing me",
  "I killed it at the game yesterday",
  "we had sex education at school",
  "my skills are okay",
  "I love my new skateboard",
  "how do I solve this equation?",
  "we played dodgeball in PE",
  "Я тупил над задачей весь вечер",
  "это тупая задача, честно",
  "голы забил Петя",
  "целый день учил стих",
  "пристегнись, мы едем",
  "а я в школе, потом позвоню",
  "ypoки сделал, иду гулять",
  "у меня сдох телефон",
  "мне подарили телефон на день рождения",
  "дам тебе совет: начни с плана",
  "у меня синяк на ноге, упал на физре",
  "убиииить время до звонка",
];

describe("concern words", () => {
  let matcher: ConcernMatcher;

  beforeAll(async () => {
    matcher = await loadConcernMatcher();
  });

  it("both locales' lists load from locales/<locale>/concern-words.txt", async () => {
    await expect(loadConcernWordList("ru")).resolves.toBeDefined();
    await expect(loadConcernWordList("en")).resolves.toBeDefined();
  });

  it.each(ALERTS)("alert: %s → %s", (text, category) => {
    expect(findConcerns(matcher, text).categories).toContain(category);
  });

  it.each(ORDINARY)("no alert: %s", (text) => {
    expect(findConcerns(matcher, text)).toEqual({ categories: [], hits: [] });
  });

  it("an idiom cancels only its own words: a real threat next to it still alerts", () => {
    const findings = findConcerns(matcher, "контрольная меня убила. Я хочу убить себя");
    expect(findings.categories).toEqual(["self-harm"]);
    expect(findings.hits[0]!.fragment).toBe("убить себя");
  });

  it("names the words of the message that matched, as written", () => {
    const findings = findConcerns(matcher, "Слушай, я тебе ПЕРЕВЕДУ деньги завтра");
    expect(findings.hits).toContainEqual(expect.objectContaining({ category: "gifts-money", fragment: "ПЕРЕВЕДУ деньги" }));
  });

  it("reads Russian words in any form, with ё or е", () => {
    for (const text of ["травят", "травили", "затравили", "травлю терплю", "убьёт", "убьет", "убьют"]) {
      expect(findConcerns(matcher, `меня ${text}`).categories.length, text).toBeGreaterThan(0);
    }
  });

  it("phrases do not reach across a sentence", () => {
    expect(findConcerns(matcher, "Встретимся в субботу. Без родителей было бы скучно").categories).toEqual([]);
  });
});

describe("concern word list format", () => {
  it("a mistake names the file and the line", () => {
    expect(() => parseConcernWordList("[self-harm]\nok\n[nonsense]\n", "list.txt")).toThrow(/list\.txt:3: unknown section/);
    expect(() => parseConcernWordList("word\n", "list.txt")).toThrow(/list\.txt:1: an entry before any \[section\]/);
    expect(() => parseConcernWordList("[violence]\nself-harm\n", "list.txt")).toThrow(/list\.txt:2: .* not one word/);
  });

  it("stems, prefixes, exact forms and quoted phrases", () => {
    const list = parseConcernWordList(["[violence]", "удар", "угрож*", "=бей", '"заберу тебя"', "[benign]", '"удар по мячу"'].join("\n"));
    const categories = (text: string) => findConcerns(list, text).categories;
    expect(categories("удары")).toEqual(["violence"]);
    expect(categories("угрожали")).toEqual(["violence"]);
    expect(categories("бей")).toEqual(["violence"]);
    expect(categories("бейте")).toEqual([]);
    expect(categories("тебя заберу")).toEqual([]);
    expect(categories("заберу тебя")).toEqual(["violence"]);
    expect(categories("удар по мячу")).toEqual([]);
  });

  it("the loader reads a list from any locales folder and reports its path", async () => {
    const folder = await mkdtemp(join(tmpdir(), "nastavnik-concern-"));
    try {
      await mkdir(join(folder, "ru"));
      await writeFile(join(folder, "ru", "concern-words.txt"), "[bullying]\nтравля\n[sexual\n");
      await expect(loadConcernWordList("ru", folder)).rejects.toThrow(/locales\/ru\/concern-words\.txt:3/);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
