# A synthetic roster for `fangyi classify`, deterministic for a given SEED:
#   awk -v KIND=contacts -v N=100000 -v SEED=1 -f gen_roster.awk > contacts.csv
#   awk -v KIND=arrivals -v N=100000 -v SEED=1 -f gen_roster.awk > arrivals.csv
# contacts: close contacts (seed 004) with last contacts spread over
# 2022-04-01..2022-05-30, so a third fall before the 3+4 change, some across
# it; one in 50 has none (no branch matches). arrivals: mainland students
# (seed 003) entering 2020-01-10..2020-03-09, a quarter with Hubei.
# ID numbers carry valid check digits (generator/expr/taiwan_id.cc).
BEGIN {
  srand(SEED + 0)
  split("10 11 12 13 14 15 16 17 34 18 19 20 21 22 35 23 24 25 26 27 28 29 32 30 31 33", code, " ")
  letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
  split("陳 林 黃 張 李 王 吳 劉 蔡 楊", family, " ")
  split("冠宇 品妤 承恩 雨晴 柏翰 芷涵 宇翔 詩涵 子豪 佳穎", given, " ")
  split("31 28 31 30 31 30 31 31 30 31 30 31", mdays, " ")
  printf "\xEF\xBB\xBF"
  if (KIND == "arrivals")
    print "學校,姓名,證號,身分,性別,宿舍編號,班級,學號,入境日期,離開中國大陸日期,過去14天旅遊或居住省份"
  else
    print "學校,班級,座號,身分,姓名,身分證號,性別,接觸類型,最後接觸日期,居家隔離地址,備註"
  for (i = 1; i <= N; ++i) {
    name = family[int(rand() * 10) + 1] given[int(rand() * 10) + 1]
    sex = int(rand() * 2) + 1
    if (KIND == "arrivals") {
      entry = add_days(2020, 1, 10, int(rand() * 60))
      left = rand() < 0.7 ? entry : ""
      prov = rand() < 0.25 ? "湖北省" : "廣東省、福建省"
      printf "國立示範大學,%s,109%09d,陸生,%s,A%03d,資訊工程學系,%09d,%s,%s,%s\n", name, i, sex == 1 ? "男" : "女", i % 1000, 680000000 + i, entry, left, prov
    } else {
      last = rand() < 0.02 ? "" : add_days(2022, 4, 1, int(rand() * 60))
      printf "示範國民中學,%d,%02d,學生,%s,%s,%s,同班同學,%s,臺中市西屯區示範路%d號,\n", 700 + i % 30, i % 35 + 1, name, id(sex), sex == 1 ? "男" : "女", last, i % 500 + 1
    }
  }
}

# A national ID: letter, sex digit, seven digits, check digit.
function id(sex,   l, c, body, sum, k, d) {
  l = int(rand() * 26) + 1
  c = code[l]
  sum = int(c / 10) + (c % 10) * 9 + sex * 8
  body = ""
  for (k = 2; k <= 8; ++k) {
    d = int(rand() * 10)
    body = body d
    sum += d * (9 - k)
  }
  return substr(letters, l, 1) sex body ((10 - sum % 10) % 10)
}

# y-m-d plus n days (n < 365), as an ROC date 111/04/26.
function add_days(y, m, d, n,   len) {
  d += n
  while (1) {
    len = mdays[m] + (m == 2 && y % 4 == 0 ? 1 : 0)
    if (d <= len) break
    d -= len
    if (++m > 12) { m = 1; ++y }
  }
  return sprintf("%d/%02d/%02d", y - 1911, m, d)
}
