/** Help texts of the CLI, Chinese first then English (house style: Chinese first for everything a user reads). */
import { FORMAT_IDS } from '../formats/index.ts';

export const MAIN_HELP = `gongkai — 政府信息公开平台命令行 / the gongkai command line (政府信息公开)

用法 / usage:
  gongkai <命令> [选项]            gongkai <command> [options]

命令 / commands:
  check    按规则检查年度报告（勾稽关系、跨年度、正文）
           check an annual report against the rules (arithmetic, cross-year, text)
  render   导出年度报告：${FORMAT_IDS.join('、')}
           export an annual report: ${FORMAT_IDS.join(', ')}
  new      新建空白年度报告（标准 JSON，所有单元格为 null）
           start a blank annual report (canonical JSON, every cell null)
  import   从已发布的报告（txt、md、html、docx、pdf、ofd、xlsx；装有 LibreOffice 时 doc、wps、rtf、xls、et）导入，记录每个单元格的来源
           import published reports (txt, md, html, docx, pdf, ofd, xlsx; doc, wps, rtf, xls, et with LibreOffice) with each cell's provenance
  diff     逐个单元格比较两份报告 / compare two reports cell by cell
  calendar 工作日日历（节假日、调休）与依申请公开的法定期限
           the working-day calendar (holidays, 调休) and the statutory deadlines of applications
  db       数据库：迁移、备份、恢复（SQLite） / the database: migrate, backup, restore (SQLite)
  org      机关树：列出、新建 / the organisation tree: list, add
  catalog  政府信息公开目录：列出文件、导入表二处理决定、导入原网站目录 / the catalog: list documents, import decisions or a site's catalog
  report   由案件生成年度报告（表三、表四） / build the year's report (tables 三, 四) from the cases
  user     工作人员账户：新建、列出 / staff accounts: add, list
  season   年度报告报送季：导入本地区各机关已公开的报告 / the reporting season: import an area's published reports
  setup    首次设置：最上级机关、第一个管理员、网站信息 / first-run set-up: top organisation, first admin, site identity
  audit    校验审计日志的哈希链 / verify the audit log's hash chain
  notify   发送通知、排队到期提醒、设置提醒邮箱 / send notifications, queue digests, set digest addresses
  catalog  政府信息公开目录全文检索 / full-text search of the disclosure catalog

选项 / options:
  -h, --help       显示帮助 / show this help
  -v, --version    显示版本 / show the version

查看各命令用法 / details of a command:  gongkai <命令 command> --help
`;

export const CHECK_HELP = `gongkai check — 检查年度报告 / check an annual report

用法 / usage:
  gongkai check REPORT.json [--previous PREV.json] [--json]

选项 / options:
  --previous FILE  同一机关上一年度的报告，用于跨年度规则（结转、项目数量、跳变）
                   last year's report of the same body, for the cross-year rules
  --json           输出 JSON：{ file, findings, summary } / print JSON: { file, findings, summary }
  -h, --help       显示帮助 / show this help

退出码 / exit status:
  0  没有错误级问题（可能有警告、提示） / no error-severity finding (warnings and info allowed)
  1  有错误级问题 / at least one error-severity finding
  2  无法读取或解析输入文件 / an input file cannot be read or parsed
`;

export const RENDER_HELP = `gongkai render — 导出年度报告 / export an annual report

用法 / usage:
  gongkai render REPORT.json --format ${FORMAT_IDS.join('|')} [-o OUT] [--force]

选项 / options:
  -f, --format FMT  导出格式 / output format: ${FORMAT_IDS.join(', ')}
  -o, --output OUT  输出文件；文本格式省略时输出到标准输出，二进制格式省略时写入当前目录的 <报告文件名>.<扩展名>
                    output file; without it text formats go to stdout and binary formats to <input name>.<ext>
  --force           覆盖已有的输出文件（否则拒绝并退出 2） / overwrite an existing output file (else refused, exit 2)
                    in the current directory
  -h, --help        显示帮助 / show this help

PDF 需要 Chromium 与中文字体 / PDF needs Chromium and CJK fonts:
  apt-get install -y chromium fonts-noto-cjk fonts-wqy-microhei

退出码 / exit status: 0 成功 / done; 2 输入、格式或输出有误 / bad input, format or output
`;

export const NEW_HELP = `gongkai new — 新建空白年度报告 / start a blank annual report

用法 / usage:
  gongkai new --template 2019|2021 --year YEAR --org NAME [-o OUT] [--force]

选项 / options:
  --template ID   2019：国办公开办函〔2019〕60号（2019、2020 年度）
                  2021：国办公开办函〔2021〕30号（2021 年度起）
                  2019: for reports on 2019-2020; 2021: for reports on 2021 onward
  --year YEAR     报告年度（所报告的年份） / the year reported on
  --org NAME      机关名称 / the reporting body
  -o, --output OUT  写入文件（默认输出到标准输出） / write to a file (default: stdout)
  --force         覆盖已存在的文件 / overwrite an existing file
  -h, --help      显示帮助 / show this help

模板与年度不符时给出警告，但仍会生成 / a template that does not fit the year is a warning, not a failure.
退出码 / exit status: 0 成功 / done; 2 参数有误或无法写入 / bad options or unwritable output
`;

export const DIFF_HELP = `gongkai diff — 逐个单元格比较两份报告 / compare two reports cell by cell

用法 / usage:
  gongkai diff A.json B.json [--sections] [--json]

选项 / options:
  --sections   同时比较叙述部分（一、五、六） / compare the narrative sections too
  --json       输出 JSON：{ a, b, cells, differences } / print JSON
  -h, --help   显示帮助 / show this help

缺失的表格按空白（null）单元格比较 / a missing table compares as blank (null) cells.
退出码 / exit status: 0 一致 / identical; 1 有不同 / different; 2 无法读取输入 / unreadable input
`;

export const IMPORT_HELP = `gongkai import — 导入已发布的年度报告 / import published annual reports

用法 / usage:
  gongkai import FILE|DIR... [-o DIR] [--json] [--template 2019|2021] [--year YEAR] [--org NAME]
                 [--csv FILE] [--xlsx FILE]
  gongkai import CRAWL.csv|CRAWL.xlsx... --text-column 列名 [--title-column 列名] [同上选项 / same options]

读取 .txt .md .html .docx .pdf（按内容识别格式；文本支持 UTF-8、UTF-16、GB18030/GBK），识别模板、年度与机关，
逐个单元格记录来源（原文行号/页码与原文）及取得方式（读取 read / 推算 inferred / 缺失 missing）。从不编造数字：
读不出的单元格为 null 并给出问题。
Reads .txt .md .html .docx .pdf (format from the content; UTF-8, UTF-16, GB18030/GBK text), detects template, year
and organisation, and records each cell's provenance (source line/page and text) and how it was obtained. Never
invents a number: a cell it cannot read is null with a finding.

选项 / options:
  -o, --output DIR  每个输入 NAME.ext 写出 DIR/NAME.json（标准报告 JSON，可用 gongkai check 检查）
                    和 DIR/NAME.provenance.json / write DIR/NAME.json and DIR/NAME.provenance.json per input
  --json            输出 JSON（报告、来源、问题） / print JSON (report, provenance, findings)
  --template ID     指定模板（2019 或 2021），不按表头识别 / force the template
  --year YEAR       指定报告年度 / force the report year
  --org NAME        指定机关名称 / force the organisation
  --csv FILE        汇总表：每份报告一行、每个单元格一列 / one row per report, one column per cell
  --xlsx FILE       同上，Excel 格式 / the same as an Excel workbook
  --text-column 列名  把每个 .csv/.xlsx 输入当作网站抓取表（每行一个网页），该列为网页正文；是政府信息公开工作
                    年度报告且正文含统计表的行按 .txt 导入，输出名 表名-row<N>（N 为数据行号，从 1 起），来源记为
                    {file, row}；其他行（网站工作年度报表、法治政府建设情况报告、工作要点、无统计表、2019 年以前
                    的报告等）跳过并列出原因。CSV 支持 UTF-8/GBK/GB18030、引号内换行；上限 200 MB、100,000 行
                    read each .csv/.xlsx input as a crawled table (one web page per row) with the page text in
                    this column; rows that are annual reports with their tables in the text are imported like a
                    .txt as TABLE-row<N> (N = data row, from 1; provenance records {file, row}); other rows are
                    skipped with the reason listed. Limits: 200 MB, 100,000 rows
  --title-column 列名 网页标题列（可选）：标题、换行、正文一起导入 / the page title column (optional): the title,
                    a newline, then the text are imported
  -h, --help        显示帮助 / show this help

退出码 / exit status: 0 完成（即使报告有问题或有行跳过） / done, even with findings or skipped rows; 2 有文件完全无法读取
（含抓取表缺少指定的列） / a file could not be read (a crawled table without the named column included)
`;

export const CALENDAR_HELP = `gongkai calendar — 工作日日历与法定期限 / the working-day calendar and statutory deadlines

用法 / usage:
  gongkai calendar deadlines FILE.csv [--data DIR]
  gongkai calendar proof RECEIVED [--extension N] [--pause FROM..TO[:REASON]]... [--json] [--data DIR]
  gongkai calendar add-year FILE [--replace] [--data DIR]
  gongkai calendar show YEAR [--json] [--data DIR]

子命令 / subcommands:
  deadlines  读取 deadline-cases.csv 格式的表（只读 received、extensionDays、pauseFrom、pauseTo），
             输出同样的 CSV 并填好各计算列：补正告知期限（7个工作日，条例第三十条）、第三方答复期限
             （15个工作日，第三十二条）、中止的工作日数、答复期限（20个工作日 + 中止 + 延长，第三十三条）
             read a table in deadline-cases.csv's format (only received, extensionDays, pauseFrom, pauseTo are
             read) and print the same CSV with every computed column filled in
  proof      期限计算明细：从收到申请之日到答复期限的每一天（计入、不计：周末/节假日、中止）
             the deadline proof: every day from receipt to the answer due date, counted, skipped or paused
  add-year   校验国务院放假安排文件（格式见 docs/calendar.md，示例 seed/calendar/example-2027.txt），
             并存入数据库中的节假日表（DATABASE_URL，否则为 <数据目录>/gongkai.sqlite；空表先以内置数据
             seed/calendar/china.json 初始化）。办理中的案件立即按新载入的年度计算期限（暂定的期限转为正式），
             保存的当前期限随即重算，每件变动记入审计日志。
             validate a State Council holiday notice file (format: docs/calendar.md) and store it in the
             database's holiday table (DATABASE_URL, else <data dir>/gongkai.sqlite; an empty table is first
             seeded from seed/calendar/china.json). Open cases count on the new year at once (provisional
             deadlines become final); their stored running deadlines are recomputed, each change audited.
  show       列出某年的放假日和调休上班日（输出即为放假安排文件格式）
             list the days off and make-up workdays of a year (printed in the notice file format)

选项 / options:
  --data DIR         数据目录（默认 GONGKAI_DATA_DIR，未设置时为 ./data） / the data dir (default:
                     GONGKAI_DATA_DIR, else ./data)
  --replace          add-year：覆盖已载入的年度 / add-year: overwrite a year already loaded
  --extension N      proof：延长的工作日数（0-20，条例第三十三条第二款） / proof: working days of extension
  --pause FROM..TO[:REASON]  proof：中止期间（征求意见、缴费），FROM < 日期 <= TO 的工作日不计入
                     proof: a pause (consultation, fee); working days FROM < d <= TO are not counted
  --json             proof、show：输出 JSON / proof, show: print JSON
  -h, --help         显示帮助 / show this help

内置数据覆盖 2004-2026 年。2025 年以后未载入的年份按《全国年节及纪念日放假办法》第二条暂定（周末与法定节日，
不含调休），所得日期标明“（暂定）”，载入该年通知后即为正式期限；其他未载入的年份一律标明“未载入”，绝不按周一至
周五推算。
The seed covers 2004-2026. A year from 2025 on that is not loaded counts provisionally on the statutory holidays of
the Measures on National Holidays, Art. 2 (weekends and those days, no moved days): such dates are marked （暂定）
and become final once the notice is loaded; any other year not loaded is flagged, never computed on weekdays alone.

退出码 / exit status:
  0  完成 / done
  1  deadlines、proof：有期限为暂定，或需要未载入的年份；show：该年未载入
     deadlines, proof: some deadline is provisional or needs a year not loaded; show: the year is not loaded
  2  参数、输入文件或节假日数据有误（逐行指出位置）；add-year：该年已载入（未加 --replace）或无法写入
     bad arguments, input file or calendar data (located); add-year: the year exists (no --replace) or unwritable
`;

export const DB_HELP = `gongkai db — 数据库 / the database

用法 / usage:
  gongkai db migrate [--data DIR]
  gongkai db backup FILE [--data DIR]
  gongkai db restore FILE [--data DIR]

数据库 / which database:
  设置 DATABASE_URL=postgres://… 时使用 PostgreSQL，否则使用 SQLite 文件 <数据目录>/gongkai.sqlite
  PostgreSQL when DATABASE_URL=postgres://… is set, else the SQLite file <data dir>/gongkai.sqlite

子命令 / subcommands:
  migrate  执行尚未执行的数据库迁移并列出（服务器启动时也会自动执行）
           apply the pending migrations and list them (the server also does so on start)
  backup   将 SQLite 数据库备份到 FILE（在线备份，服务器运行时也可执行）
           copy the SQLite database to FILE (an online backup: safe while the server runs)
  restore  校验 FILE 是 gongkai 的 SQLite 数据库后，用它替换当前数据库（请先停止服务器）
           check that FILE is a gongkai SQLite database, then replace the database with it (stop the server first)
  PostgreSQL 请使用 pg_dump / pg_restore 备份与恢复
  for PostgreSQL, back up and restore with pg_dump / pg_restore

选项 / options:
  --data DIR   数据目录（默认 GONGKAI_DATA_DIR，未设置时为 ./data） / the data dir (default:
               GONGKAI_DATA_DIR, else ./data)
  -h, --help   显示帮助 / show this help

退出码 / exit status:
  0  完成 / done
  1  数据库错误：无法连接、迁移失败、备份文件无效 / a database error: unreachable, a failed migration, a bad backup
  2  用法或配置错误（含 PostgreSQL 下的 backup/restore） / a usage or configuration error (incl. backup/restore on PostgreSQL)
`;

export const REPORT_HELP = `gongkai report — 由案件生成年度报告 / build the annual report from the cases

用法 / usage:
  gongkai report build --org ID --year YEAR [-o FILE] [--force] [--data DIR]
  gongkai report rollup REPORT.json... --year YEAR --name 汇总机关名称 [-o FILE] [--force]
  gongkai report rollup --org ID --year YEAR [-o FILE] [--force] [--data DIR]

按（机关，年度）统计依申请公开案件，生成年度报告 JSON（gongkai.annual-report/1）：表三、表四由案件计算
（含下级机关），表二与正文留空待填写。检查结果输出到标准错误。机关 ID 见 gongkai org list。
Counts the applications of (organisation, year), the organisation's subtree included, into the report JSON: tables
三 and 四 from the cases, table 二 and the narrative blank. Findings go to stderr. Organisation ids: gongkai org list.

rollup --org：下级机关在系统中已报送（已提交、已接收或已公布）的年度报告相加；未报送的机关列出。
rollup --org: sums the reports the organisations below have submitted on the platform; those not yet reported are named.
rollup 文件：把本地区各机关的年度报告 JSON（可由 gongkai import … -o 目录 从已公开文件得到）相加为汇总报告：各机关都填写的
单元格为合计，有机关空白的单元格合计为空，并指出空白的机关；年度或模板不同的报告不计入并说明。
rollup: sums the area's organisations' report JSON files (gongkai import … -o DIR makes them from published files): a
cell every report prints is the total; a cell some report leaves blank is blank, naming who; other years or templates
are left out, with a finding.

选项 / options:
  --org ID        机关 ID / the organisation id
  --year YEAR     年度（四位数字） / the year (four digits)
  -o, --output F  写入文件（默认输出到标准输出） / write to a file (default: stdout)
  --force         覆盖已有文件 / overwrite an existing file
  --data DIR      数据目录（默认 GONGKAI_DATA_DIR 或 ./data；DATABASE_URL 指向 PostgreSQL 时用之）
                  the data dir (default GONGKAI_DATA_DIR or ./data; DATABASE_URL selects PostgreSQL)
  -h, --help      显示帮助 / show this help

退出码 / exit status:
  0  已生成，无错误 / built, no error findings
  1  已生成，但有错误级别的检查结果 / built, with error findings
  2  参数有误、机关不存在或无法写入 / bad arguments, unknown organisation, or unwritable output
`;

export const ORG_HELP = `gongkai org — 机关树 / the organisation tree

用法 / usage:
  gongkai org list [--json] [--data DIR]
  gongkai org add NAME --kind government|department|office [--parent ID] [--code CODE] [--data DIR]

顶层须为政府；层级只能按 政府→部门→办公室 向下；同一上级下名称不重复。add 输出新机关的 ID。
A root is a government; levels go down government → department → office; sibling names are unique. add prints the id.

退出码 / exit status:
  0  完成 / done
  2  参数有误、上级不存在、名称重复或层级有误 / bad arguments, unknown parent, duplicate name or wrong level
`;

export const CATALOG_HELP = `gongkai catalog — 政府信息公开目录 / the proactive-disclosure catalog

用法 / usage:
  gongkai catalog list --org ID [--state draft|inReview|cleared|withheld|published] [--late] [--limit N] [--json] [--data DIR]
  gongkai catalog decisions FILE.csv|FILE.xlsx --org ID [--kind licensing|penalty|enforcement|fees|procurement|otherServices] [--data DIR]
  gongkai catalog search 检索词… [--org ID] [--all] [--limit N] [--cursor C] [--json] [--data DIR]
  gongkai catalog import FILE.csv|FILE.xlsx --org ID [--files 附件目录|附件.zip] [--json] [--data DIR]

list 列出机关（含下级）的文件；--late 只列发布晚于成文日期20个工作日以上的（条例第二十六条）。
decisions 从“双公示”导出表导入表二的处理决定（列：类别、事项名称、决定日期、金额（元）、决定文号）；有任何错误行则一行也不导入。
list prints the documents of the organisation and below; --late only those published more than 20 working days after
they were written (Art. 26). decisions imports table 二's decisions; any bad row means none is imported.
search 全文检索（gongkai catalog search --help）/ full-text search (see gongkai catalog search --help).
import 导入原网站的公开目录（列：索引号、标题、发布机构、成文日期、发布日期、文号、主题分类、有效性、链接、正文、附件），
  附件按“附件”列的文件名在 --files 给出的目录或 ZIP 中查找；有任何错误的行则一行也不导入，逐行列出错误。
import takes an existing site's catalog (CSV/XLSX) and its attachment files; any bad row means none is imported.

退出码 / exit status:
  0  完成 / done
  2  参数有误、文件无法读取或有错误的行 / bad arguments, unreadable file or bad rows
`;

export const USER_HELP = `gongkai user — 工作人员账户 / staff accounts

用法 / usage:
  gongkai user add USERNAME --org ID --role handler|approver|admin|oversight --name 姓名 [--password-file F]
  gongkai user list [--org ID]

角色 / roles: handler 办理人 · approver 审核人（批准延期、答复） · admin 管理员（本机关及下级） · oversight 监督（只读）
密码以 scrypt 哈希保存；未给 --password-file 时生成随机初始密码，只显示一次。
Passwords are stored as scrypt hashes; without --password-file a random initial password is printed once.

退出码 / exit status: 0 完成 / done · 2 参数有误、机关不存在、用户名已占用或密码过弱 / bad input
`;

export const SEASON_HELP = `gongkai season — 年度报告报送季 / the reporting season

用法 / usage:
  gongkai season import 目录 --year 年度 --parent 机关ID [--create-orgs] [--data DIR]

读取目录中各机关已公开的年度报告（txt、md、html、docx、pdf 等，格式按内容识别），按报告所写的机关名称匹配到
--parent 之下的机关（名称相同，或去掉空格和括号后相同；匹配不到时列出可能的机关），作为该机关该年度已公布的报告
保存，随后可用 gongkai report rollup --org 汇总。--create-orgs：匹配不到的机关在 --parent 下新建。
已有该年度报告的机关不覆盖；一个文件出错不影响其他文件。
Reads the published reports in a folder (any format the importer reads), matches each to an organisation below
--parent by the name it states (equal, or equal without spaces and brackets; otherwise suggestions), and stores it as
that organisation's published report for the year (then gongkai report rollup --org sums them). --create-orgs creates
unmatched organisations under --parent. An organisation's existing report is never overwritten; one bad file never
stops the others.

退出码 / exit status: 0 全部导入 / all stored · 1 有文件未导入 / some not stored · 2 参数有误 / bad arguments
`;

export const SETUP_HELP = `gongkai setup — 首次设置（正式部署）/ first-run set-up of a production installation

用法 / usage:
  gongkai setup --org 机关名称 --admin 用户名 --name 管理员姓名 --site-name 网站名称 --sponsor 主办单位
                [--kind government|department|office] [--site-code 网站标识码] [--icp ICP备案编号]
                [--public-security 公安机关备案号] [--contact 联系方式] [--password-file F] [--data DIR]

在没有任何账户的数据库中创建最上级机关、第一个管理员和网站信息（页首、页脚），与服务器日志中的“首次设置”链接
作用相同；已有账户时拒绝。未给 --password-file 时生成随机初始密码，只显示一次。
Creates the top organisation, its first admin and the site's identity in a database without accounts (as the
server's one-time /setup link does); refused once an account exists. Without --password-file a random initial
password is printed once.

退出码 / exit status: 0 完成 / done · 2 参数有误或已设置 / bad input or already set up
`;

export const AUDIT_HELP = `gongkai audit — 审计日志 / the audit log

用法 / usage:
  gongkai audit verify [--data DIR]

逐条重算哈希链，指出第一条被修改、插入或删除的记录。
Recomputes the hash chain entry by entry and names the first edited, inserted or deleted entry.

退出码 / exit status: 0 完整 / intact · 1 被篡改 / tampered with · 2 参数或数据库有误 / bad arguments or database
`;

export const NOTIFY_HELP = `gongkai notify — 通知（邮件、短信）/ notifications (e-mail, SMS)

用法 / usage:
  gongkai notify run [--limit N] [--data DIR]         发送到期的待发通知一次（失败的按退避时间重试）/ send what is due once
  gongkai notify digest [--data DIR]                  排队今天的到期提醒（每个机关每天一封）/ queue today's digests
  gongkai notify address ORG [EMAIL | --clear]        查看或设置机关的到期提醒邮箱 / show or set an organisation's digest address
  gongkai notify list [--state queued|sent|failed|unsent] [--limit N]   最近的通知及其状态 / the latest messages

邮件服务器：GONGKAI_SMTP_HOST、_PORT、_USER、_PASSWORD、_FROM、_SECURE（tls|starttls|auto）；短信通道：GONGKAI_SMS_MODULE。
未配置时通知只记录为“未发送（未配置邮件服务器 / 短信通道）”。服务器进程每 30 秒自动执行一次 run。
Mail server from GONGKAI_SMTP_*; SMS gateway module from GONGKAI_SMS_MODULE. Without them messages are logged as not
sent. The server process runs \`notify run\` every 30 seconds by itself.

退出码 / exit status: 0 完成 / done · 1 有发送失败的通知 / some sends failed · 2 参数、配置或数据库有误 / bad arguments, settings or database
`;

export const CATALOG_SEARCH_HELP = `gongkai catalog search — 政府信息公开目录检索 / searching the disclosure catalog

用法 / usage:
  gongkai catalog search 检索词… [--org ID] [--all] [--limit N] [--cursor C] [--json] [--data DIR]
  gongkai catalog import FILE.csv|FILE.xlsx --org ID [--files 附件目录|附件.zip] [--json] [--data DIR]

在标题、文号、正文和附件文字中检索；空格分隔的多个词须同时出现。按相关度（标题或文号命中、正文、附件）
再按发布日期从新到旧排列，命中处以【】标出。缺省只列已发布的文件（与公众检索相同）；--all 含草稿等全部状态。
Searches titles, 文号, bodies and attachment text; every term must occur. Ordered by relevance (title or 文号, body,
attachment), then newest first; matches in 【】. Published documents only unless --all.

选项 / options:
  --org ID      机关 id（含下级机关） / an organisation and those below it
  --all         全部状态（含草稿） / every status, drafts included
  --limit N     每页条数（1-100，缺省 20） / hits per page (1-100, default 20)
  --cursor C    下一页（上次输出的 --cursor） / the next page (printed by the previous run)
  --json        输出 JSON / print JSON

退出码 / exit status:
  0  完成（包括没有结果） / done (no hits included)
  2  参数或检索词有误 / bad arguments or query
`;
