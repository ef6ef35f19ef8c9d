# Writes N Markdown pages of handbook-like Chinese text (headings, lists, a
# GFM table, links between pages) into DIR, plus index.md; deterministic
# (the MINSTD generator, not awk rand(), whose sequence differs between awks).
#   awk -v n=1000 -v dir=OUT -f gen_pages.awk
function next_rand() { seed = (seed * 48271) % 2147483647; return seed }  # MINSTD: exact in doubles
function pick(arr, count) { return arr[next_rand() % count + 1] }
BEGIN {
  seed = 20220426
  split("居家隔離 自主防疫 快篩 九宮格 密切接觸者 漂白水 消毒 體溫 返校 停課 防疫長 衛生局 通報 追蹤關懷 結案", w, " ")
  nw = 15
  split("學校應於每日下午 2 時前確認檢疫地址及手機電話。|自主防疫最後 1 天的快篩若為陰性，隔天直接返校即可。|以最後接觸確診者當日起算為第 0 天。|室內環境以 500ppm（1:100 稀釋）漂白水擦拭，作用 15 分鐘以上。|同班同學、授課班級師生及同住宿舍者以九宮格方式認定。|12 歲以下兒童需有適當照顧者陪同居隔。|學生有症狀時應勾選當日就醫並填寫備註。|全校密切接觸者班級超過三分之一時停課 7 天。", s, "|")
  ns = 8
  print "# 產生的手冊\n\n共 " n " 頁，供效能測試。\n" > (dir "/index.md")
  for (i = 1; i <= n; i++) {
    file = sprintf("%s/page-%04d.md", dir, i)
    printf "# 第 %d 頁：%s與%s\n\n", i, pick(w, nw), pick(w, nw) > file
    for (sec = 1; sec <= 4; sec++) {
      printf "## %s（%d.%d）\n\n", pick(w, nw), i, sec > file
      for (p = 1; p <= 3; p++) {
        line = ""
        for (k = 1; k <= 4; k++) line = line pick(s, ns)
        print line "\n" > file
      }
      print "- " pick(s, ns) "\n- **" pick(w, nw) "**：" pick(s, ns) "\n- [相關頁面](" sprintf("page-%04d.md", (i % n) + 1) ")\n" > file
      print "| 項目 | 天數 | 說明 |\n|---|---|---|" > file
      for (r = 1; r <= 4; r++) printf "| %s | %d | %s |\n", pick(w, nw), next_rand() % 14 + 1, pick(s, ns) > file
      print "" > file
    }
    close(file)
  }
}
