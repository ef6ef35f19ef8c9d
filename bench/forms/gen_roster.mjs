// Writes a synthetic student-arrivals roster (the columns of
// rules/datasets/student-arrivals.yaml) of N students, all in cohort 1
// (entered before 2020-01-26 with Hubei in the last 14 days), so every one
// gets a 附件3 temperature log and a row on the 附件2 register.
//
//   node gen_roster.mjs N SEED > roster.csv
const n = Number(process.argv[2] ?? 2000);
let seed = Number(process.argv[3] ?? 1);
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = (a) => a[Math.floor(rand() * a.length)];
const surnames = [..."陳林黃張李王吳劉蔡楊許鄭謝郭洪曾邱廖賴周徐蘇葉莊呂江何蕭羅高潘簡朱鍾彭游詹胡施沈余趙盧梁顏柯孫魏翁戴范宋方鄧杜傅侯曹薛丁卓阮馬董溫唐藍蔣石古紀姚連馮歐程湯黎田康姜白汪鄒尤巫鐘黎涂龔嚴韓袁金童陸夏柳凃邵"];
const given = [..."雨桐浩然思涵子軒佳怡博文欣妍俊傑雅琪宇翔詩涵冠廷家豪怡君承恩品妤柏翰宥廷語彤采潔晨睿芷若昱辰靖雯禹彤書瑋"];
const departments = ["資訊工程學系", "企業管理學系", "中國文學學系", "國際企業學系", "大眾傳播學系", "財務金融學系", "機械與機電工程學系"];
const years = ["一年級", "二年級", "三年級", "四年級", "碩士班一年級", "碩士班二年級"];
const pad = (v, w) => String(v).padStart(w, "0");
const lines = ["學校,姓名,證號,身分,性別,出生年月日,聯絡電話,居住地址,宿舍編號,班級,學號,入境日期,離開中國大陸日期,開始日期,通知書開立日期,過去14天旅遊或居住省份"];
for (let i = 0; i < n; ++i) {
  const name = pick(surnames) + pick(given) + (rand() < 0.8 ? pick(given) : "");
  const day = 14 + Math.floor(rand() * 11);  // left 109/01/14 .. 109/01/24
  const room = `${pick(["A", "B", "C"])}${1 + Math.floor(rand() * 8)}${pad(1 + Math.floor(rand() * 30), 2)}`;
  lines.push([
    "私立淡江大學", name, `1090${pad(i, 8)}`, "陸生", rand() < 0.5 ? "男" : "女",
    `${85 + Math.floor(rand() * 6)}/${pad(1 + Math.floor(rand() * 12), 2)}/${pad(1 + Math.floor(rand() * 28), 2)}`,
    `09${pad(Math.floor(rand() * 1e8), 8)}`, `新北市淡水區學府路${1 + Math.floor(rand() * 60)}巷3號(松濤館${room}室)`,
    `松濤館${room}`, pick(departments) + pick(years), `6${pad(Math.floor(rand() * 1e8), 8)}`,
    `109/01/${pad(day + 1, 2)}`, `109/01/${pad(day, 2)}`, `109/01/${pad(day, 2)}`, "", "湖北省",
  ].join(","));
}
process.stdout.write(lines.join("\n") + "\n");
