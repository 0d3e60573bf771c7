<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>DeviceStore</name>
    <message>
        <source>Cannot write to the device database %1: the disk is full (%2). Nothing of this change was saved; free some space on that disk.</source>
        <translation>无法写入设备数据库 %1：磁盘已满（%2）。本次更改未保存任何内容；请在该磁盘上释放一些空间。</translation>
    </message>
    <message>
        <source>Cannot write to the device database %1: it is read-only (%2). Give your user write access to the file and its folder.</source>
        <translation>无法写入设备数据库 %1：它是只读的（%2）。请让当前用户对该文件及其所在文件夹拥有写权限。</translation>
    </message>
    <message>
        <source>The device database %1 is busy: another program is writing to it (%2). Try again.</source>
        <translation>设备数据库 %1 正忙：另一个程序正在写入它（%2）。请重试。</translation>
    </message>
    <message>
        <source>The device database %1 is damaged (%2). Restart lanwatch: it moves the damaged file aside and starts a new one.</source>
        <translation>设备数据库 %1 已损坏（%2）。请重新启动 lanwatch：它会把损坏的文件移到一旁并新建一个。</translation>
    </message>
    <message>
        <source>Input/output error on the device database %1 (%2). Check the disk and the file&apos;s folder.</source>
        <translation>设备数据库 %1 发生输入/输出错误（%2）。请检查磁盘和该文件所在的文件夹。</translation>
    </message>
    <message>
        <source>Cannot write to the device database %1: %2</source>
        <translation>无法写入设备数据库 %1：%2</translation>
    </message>
    <message>
        <source>Cannot read the device database %1: %2</source>
        <translation>无法读取设备数据库 %1：%2</translation>
    </message>
    <message>
        <source>Cannot open the device database %1: %2.</source>
        <translation>无法打开设备数据库 %1：%2。</translation>
    </message>
    <message>
        <source>Cannot create the folder %1 for the device database. Check its permissions, or choose another file with --db.</source>
        <translation>无法为设备数据库创建文件夹 %1。请检查其权限，或用 --db 选择另一个文件。</translation>
    </message>
    <message>
        <source>The device database %1 is not a file (a folder or something else is in its place). lanwatch left it as it is; move it away or choose another file with --db.</source>
        <translation>设备数据库 %1 不是文件（该位置是文件夹或其他东西）。lanwatch 未改动它；请将其移走，或用 --db 选择另一个文件。</translation>
    </message>
    <message>
        <source>Cannot open the device database %1: permission denied. lanwatch left the file as it is; give your user read and write access to it, or choose another file with --db.</source>
        <translation>无法打开设备数据库 %1：权限被拒绝。lanwatch 未改动该文件；请让当前用户对它拥有读写权限，或用 --db 选择另一个文件。</translation>
    </message>
    <message>
        <source>Cannot open the device database %1: %2. lanwatch left the file as it is.</source>
        <translation>无法打开设备数据库 %1：%2。lanwatch 未改动该文件。</translation>
    </message>
    <message numerus="yes">
        <source>truncated to %n bytes, shorter than an SQLite header</source>
        <translation>
            <numerusform>被截断为 %n 字节，比 SQLite 文件头还短</numerusform>
        </translation>
    </message>
    <message>
        <source>not an SQLite database</source>
        <translation>不是 SQLite 数据库</translation>
    </message>
    <message>
        <source>damaged header (page size %1)</source>
        <translation>文件头已损坏（页大小 %1）</translation>
    </message>
    <message>
        <source>truncated: %1 bytes is not a whole number of %2-byte pages</source>
        <translation>已截断：%1 字节不是 %2 字节页的整数倍</translation>
    </message>
    <message>
        <source>The device database %1 is damaged and lanwatch could not move it aside to %2: %3. Move or remove it yourself, or choose another file with --db.</source>
        <translation>设备数据库 %1 已损坏，且 lanwatch 无法将其移到 %2：%3。请自行移动或删除它，或用 --db 选择另一个文件。</translation>
    </message>
    <message>
        <source>lanwatch moved the damaged device database %1 aside to %2 but could not move %3 with it: %4. Move that file away yourself before starting lanwatch again.</source>
        <translation>lanwatch 已将损坏的设备数据库 %1 移到 %2，但无法一并移动 %3：%4。请在再次启动 lanwatch 之前自行移走该文件。</translation>
    </message>
    <message>
        <source>Too many damaged copies of %1 already set aside; remove some.</source>
        <translation>已移到一旁的 %1 损坏副本过多；请删除一些。</translation>
    </message>
    <message>
        <source>%1 is an SQLite database, but not a lanwatch device database. lanwatch left it as it is; choose another file with --db.</source>
        <translation>%1 是 SQLite 数据库，但不是 lanwatch 设备数据库。lanwatch 未改动它；请用 --db 选择另一个文件。</translation>
    </message>
    <message>
        <source>The device database %1 was written by a newer lanwatch (schema %2; this lanwatch knows up to schema %3). lanwatch left it unchanged: update lanwatch, or choose another file with --db.</source>
        <translation>设备数据库 %1 由更新版本的 lanwatch 写入（结构版本 %2；本版本最高只支持 %3）。lanwatch 未改动它：请更新 lanwatch，或用 --db 选择另一个文件。</translation>
    </message>
    <message>
        <source>The device database %1 cannot use write-ahead logging (journal mode stays &quot;%2&quot;); its file system may not support it. Choose a file on a local disk with --db.</source>
        <translation>设备数据库 %1 无法使用预写日志（日志模式仍为“%2”）；其文件系统可能不支持。请用 --db 选择本地磁盘上的文件。</translation>
    </message>
    <message>
        <source>Qt&apos;s SQLite driver (QSQLITE) is missing, so lanwatch cannot keep its device database. Install the package libqt6sql6-sqlite.</source>
        <translation>缺少 Qt 的 SQLite 驱动（QSQLITE），lanwatch 无法保存设备数据库。请安装软件包 libqt6sql6-sqlite。</translation>
    </message>
    <message>
        <source>The device database %1 could not be used (%2). lanwatch moved it aside to %3 (nothing was deleted) and started a new, empty device inventory.</source>
        <translation>设备数据库 %1 无法使用（%2）。lanwatch 已将其移到 %3（未删除任何内容），并新建了一个空的设备清单。</translation>
    </message>
    <message>
        <source>The device database %1 is still unusable after lanwatch set the damaged file aside and created a new one. Check the disk.</source>
        <translation>lanwatch 已将损坏的文件移到一旁并新建了数据库，但设备数据库 %1 仍无法使用。请检查磁盘。</translation>
    </message>
    <message>
        <source>There is no device %1 in %2 (it may have been forgotten).</source>
        <translation>%2 中没有设备 %1（它可能已被遗忘）。</translation>
    </message>
    <message>
        <source>Observation %1 of the sweep has &quot;%2&quot;, which is not a MAC address; nothing was saved.</source>
        <translation>本次扫描的第 %1 条观测含有“%2”，这不是 MAC 地址；未保存任何内容。</translation>
    </message>
    <message>
        <source>Observation %1 of the sweep has neither a MAC nor an IP address; nothing was saved.</source>
        <translation>本次扫描的第 %1 条观测既没有 MAC 地址也没有 IP 地址；未保存任何内容。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a MAC address.</source>
        <translation>“%1”不是 MAC 地址。</translation>
    </message>
    <message>
        <source>Device %1 was never seen with the %2 name &quot;%3&quot;, so it cannot be locked; set a custom name instead.</source>
        <translation>从未见过设备 %1 使用 %2 名称“%3”，因此无法锁定；请改为设置自定义名称。</translation>
    </message>
    <message>
        <source>A device cannot be merged into itself.</source>
        <translation>设备不能与自身合并。</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>New device: %1 at %2 (randomized MAC)</source>
        <translation>新设备：%1，地址 %2（随机 MAC）</translation>
    </message>
    <message>
        <source>New device: %1 at %2</source>
        <translation>新设备：%1，地址 %2</translation>
    </message>
    <message>
        <source>%1 went offline</source>
        <translation>%1 已离线</translation>
    </message>
    <message>
        <source>%1 is back online at %2</source>
        <translation>%1 已在 %2 重新上线</translation>
    </message>
    <message>
        <source>%1 changed its IP from %2 to %3</source>
        <translation>%1 的 IP 从 %2 变为 %3</translation>
    </message>
    <message>
        <source>%1 has a new IP: %2</source>
        <translation>%1 有了新 IP：%2</translation>
    </message>
    <message>
        <source>%1 is now answered by %2 (%3), held before by %4: possible ARP spoofing</source>
        <translation>%1 现在由 %2（%3）应答，之前属于 %4：可能是 ARP 欺骗</translation>
    </message>
    <message>
        <source>Duplicate IP %1: answered by both %2 and %3</source>
        <translation>IP 冲突 %1：%2 和 %3 都在应答</translation>
    </message>
    <message>
        <source>%1 changed its name from %2 to %3</source>
        <translation>%1 的名称从 %2 改为 %3</translation>
    </message>
</context>
<context>
    <name>FileTree</name>
    <message>
        <source>The folder %1 does not exist (is its disk mounted?).</source>
        <translation>文件夹 %1 不存在（它所在的磁盘是否已挂载？）。</translation>
    </message>
    <message>
        <source>%1 is not a folder.</source>
        <translation>%1 不是文件夹。</translation>
    </message>
    <message>
        <source>Cannot read the folder %1: %2</source>
        <translation>无法读取文件夹 %1：%2</translation>
    </message>
    <message>
        <source>Cannot list the folder %1: %2</source>
        <translation>无法列出文件夹 %1 的内容：%2</translation>
    </message>
    <message>
        <source>%1: a FIFO, socket or device; not synced (as rsync -a without --devices --specials)</source>
        <translation>%1：FIFO、套接字或设备文件；未同步（与不带 --devices --specials 的 rsync -a 相同）</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>Cannot read %1 entries in the folder %2 (the first is %3): %4</source>
        <translation>无法读取文件夹 %2 中的 %1 个条目（第一个是 %3）：%4</translation>
    </message>
    <message>
        <source>%1 is another file system and was not crossed (--one-file-system); its copy in the destination is kept.</source>
        <translation>%1 属于另一个文件系统，未进入（--one-file-system）；目标中它的副本予以保留。</translation>
    </message>
</context>
<context>
    <name>InventoryCommand</name>
    <message>
        <source>Show this help.</source>
        <translation>显示此帮助。</translation>
    </message>
    <message>
        <source>%1; see &apos;lanwatch-cli %2 --help&apos;.</source>
        <translation>%1；参见 &apos;lanwatch-cli %2 --help&apos;。</translation>
    </message>
    <message>
        <source>The device inventory (default: %1).</source>
        <translation>设备清单（默认：%1）。</translation>
    </message>
    <message>
        <source>Edit one device of the inventory: its name, notes, whether it is known, whether to watch it.

Exit status: 0 changed, 1 no such device or the inventory could not be written, 2 bad arguments.</source>
        <translation>编辑清单中的一台设备：名称、备注、是否已知、是否关注。

退出状态：0 已修改，1 没有该设备或无法写入清单，2 参数错误。</translation>
    </message>
    <message>
        <source>Show the device as N (empty: its seen name).</source>
        <translation>将设备显示为 N（为空：使用看到的名称）。</translation>
    </message>
    <message>
        <source>Replace the device&apos;s notes with T.</source>
        <translation>将设备的备注替换为 T。</translation>
    </message>
    <message>
        <source>Mark the device as known (not new).</source>
        <translation>将设备标记为已知（非新设备）。</translation>
    </message>
    <message>
        <source>Mark the device as not known.</source>
        <translation>将设备标记为未知。</translation>
    </message>
    <message>
        <source>Report when the device goes offline or comes back.</source>
        <translation>设备离线或重新上线时报告。</translation>
    </message>
    <message>
        <source>Stop reporting the device&apos;s offline/online.</source>
        <translation>不再报告该设备的离线/上线。</translation>
    </message>
    <message>
        <source>The device&apos;s MAC address (or one merged into it).</source>
        <translation>设备的 MAC 地址（或已合并到它的某个地址）。</translation>
    </message>
    <message>
        <source>give exactly one MAC address; see &apos;lanwatch-cli devices set --help&apos;.</source>
        <translation>请给出且只给出一个 MAC 地址；参见 &apos;lanwatch-cli devices set --help&apos;。</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a MAC address (aa:bb:cc:dd:ee:ff).</source>
        <translation>&apos;%1&apos; 不是 MAC 地址（aa:bb:cc:dd:ee:ff）。</translation>
    </message>
    <message>
        <source>--known and --unknown (or --watch and --no-watch) contradict each other; give one.</source>
        <translation>--known 与 --unknown（或 --watch 与 --no-watch）相互矛盾；请只给出一个。</translation>
    </message>
    <message>
        <source>nothing to change: give --name, --notes, --known/--unknown or --watch/--no-watch.</source>
        <translation>没有要修改的内容：请给出 --name、--notes、--known/--unknown 或 --watch/--no-watch。</translation>
    </message>
    <message>
        <source>no device with MAC %1 in %2.</source>
        <translation>%2 中没有 MAC 为 %1 的设备。</translation>
    </message>
    <message>
        <source>Updated %1 (%2).
</source>
        <translation>已更新 %1（%2）。
</translation>
    </message>
    <message>
        <source>no device inventory at %1 yet; &apos;lanwatch-cli monitor&apos; (or the lanwatch window) creates it.</source>
        <translation>%1 处还没有设备清单；&apos;lanwatch-cli monitor&apos;（或 lanwatch 窗口）会创建它。</translation>
    </message>
    <message>
        <source>Print a JSON array of devices.</source>
        <translation>输出设备的 JSON 数组。</translation>
    </message>
    <message>
        <source>Print CSV with a header line.</source>
        <translation>输出带表头行的 CSV。</translation>
    </message>
    <message>
        <source>give --json or --csv, not both.</source>
        <translation>请给出 --json 或 --csv，不要同时给出。</translation>
    </message>
    <message>
        <source>unexpected argument &apos;%1&apos;; see &apos;lanwatch-cli devices --help&apos;.</source>
        <translation>意外的参数 &apos;%1&apos;；参见 &apos;lanwatch-cli devices --help&apos;。</translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>IP</source>
        <translation>IP 地址</translation>
    </message>
    <message>
        <source>MAC</source>
        <translation>MAC 地址</translation>
    </message>
    <message>
        <source>VENDOR</source>
        <translation>厂商</translation>
    </message>
    <message>
        <source>STATE</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>KNOWN</source>
        <translation>已知</translation>
    </message>
    <message>
        <source>LAST SEEN</source>
        <translation>最后出现</translation>
    </message>
    <message>
        <source>online</source>
        <translation>在线</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>known</source>
        <translation>已知</translation>
    </message>
    <message>
        <source>new</source>
        <translation>新设备</translation>
    </message>
    <message numerus="yes">
        <source>%n device(s)
</source>
        <translation>
            <numerusform>%n 台设备
</numerusform>
        </translation>
    </message>
    <message>
        <source>Print the inventory&apos;s events, oldest first: new devices, offline/online, IP changes, duplicate IPs,
possible ARP spoofing and name changes.

Exit status: 0 ok, 1 the inventory could not be read, 2 bad arguments.</source>
        <translation>按从旧到新输出清单中的事件：新设备、离线/上线、IP 变更、IP 冲突、
可能的 ARP 欺骗和名称变更。

退出状态：0 正常，1 无法读取清单，2 参数错误。</translation>
    </message>
    <message>
        <source>Only events from TIME on: 2026-03-01T12:00:00Z, 2026-03-01 12:00 (local), 2026-03-01, or an age such as 30m, 2h, 7d.</source>
        <translation>只显示 TIME 之后的事件：2026-03-01T12:00:00Z、2026-03-01 12:00（本地时间）、2026-03-01，或时长，如 30m、2h、7d。</translation>
    </message>
    <message>
        <source>Only events of kind K: %1.</source>
        <translation>只显示类型为 K 的事件：%1。</translation>
    </message>
    <message>
        <source>Print one JSON object per line.</source>
        <translation>每行输出一个 JSON 对象。</translation>
    </message>
    <message>
        <source>unexpected argument &apos;%1&apos;; see &apos;lanwatch-cli events --help&apos;.</source>
        <translation>意外的参数 &apos;%1&apos;；参见 &apos;lanwatch-cli events --help&apos;。</translation>
    </message>
    <message>
        <source>--since must be a time such as 2026-03-01T12:00:00Z or an age such as 2h, not &apos;%1&apos;.</source>
        <translation>--since 必须是时间（如 2026-03-01T12:00:00Z）或时长（如 2h），而不是 &apos;%1&apos;。</translation>
    </message>
    <message>
        <source>--kind must be one of %1, not &apos;%2&apos;.</source>
        <translation>--kind 必须是 %1 之一，而不是 &apos;%2&apos;。</translation>
    </message>
    <message>
        <source>Merge the device OTHER into KEEP: OTHER&apos;s MAC addresses become aliases of KEEP (a lookup by them finds KEEP), and its names, IPs, presence, round-trip times and events join KEEP&apos;s history.

Exit status: 0 merged, 1 no such device or the inventory could not be written, 2 bad arguments.</source>
        <translation>将设备 OTHER 合并到 KEEP：OTHER 的 MAC 地址成为 KEEP 的别名（用它们查找会找到 KEEP），其名称、IP、在线记录、往返时间和事件并入 KEEP 的历史。

退出状态：0 已合并，1 没有该设备或无法写入设备清单，2 参数错误。</translation>
    </message>
    <message>
        <source>The MAC of the device to keep.</source>
        <translation>要保留的设备的 MAC 地址。</translation>
    </message>
    <message>
        <source>The MAC of the device merged into it.</source>
        <translation>被合并进来的设备的 MAC 地址。</translation>
    </message>
    <message>
        <source>give two MAC addresses, KEEP and OTHER; see &apos;lanwatch-cli devices merge --help&apos;.</source>
        <translation>请给出两个 MAC 地址：KEEP 和 OTHER；参见“lanwatch-cli devices merge --help”。</translation>
    </message>
    <message>
        <source>Merged %1 into %2.
</source>
        <translation>已将 %1 合并到 %2。
</translation>
    </message>
    <message>
        <source>List every device of the inventory: name, IPs, MAC, vendor, online or offline, known or new, last seen.
&apos;lanwatch-cli devices set MAC ...&apos; edits one (see &apos;lanwatch-cli devices set --help&apos;);
&apos;lanwatch-cli devices merge KEEP OTHER&apos; joins two devices that are one.

Exit status: 0 ok, 1 the inventory could not be read, 2 bad arguments.</source>
        <translation>列出设备清单中的每台设备：名称、IP、MAC、厂商、在线或离线、已知或新设备、最后发现时间。
“lanwatch-cli devices set MAC ...”编辑一台设备（参见“lanwatch-cli devices set --help”）；
“lanwatch-cli devices merge KEEP OTHER”将实为同一台的两台设备合并。

退出状态：0 成功，1 无法读取设备清单，2 参数错误。</translation>
    </message>
</context>
<context>
    <name>MonitorCommand</name>
    <message>
        <source>Show this help.</source>
        <translation>显示此帮助。</translation>
    </message>
    <message>
        <source>Sweep each target every S seconds (at least %1).</source>
        <translation>每 S 秒扫描每个目标一次（至少 %1）。</translation>
    </message>
    <message>
        <source>Call a device offline after S seconds without an answer (default: %1 sweeps or %2 s, whichever is longer).</source>
        <translation>设备 S 秒无应答后视为离线（默认：%1 次扫描或 %2 秒，取较长者）。</translation>
    </message>
    <message>
        <source>The device inventory (default: %1).</source>
        <translation>设备清单（默认：%1）。</translation>
    </message>
    <message>
        <source>Print one JSON object per event and line (time, kind, ip, mac, name, vendor, ...).</source>
        <translation>每个事件输出一行 JSON 对象（time、kind、ip、mac、name、vendor 等）。</translation>
    </message>
    <message>
        <source>Do not listen for devices between sweeps; find them by sweeping only.</source>
        <translation>扫描之间不监听设备；只通过扫描发现设备。</translation>
    </message>
    <message>
        <source>%1; see &apos;lanwatch-cli monitor --help&apos;.</source>
        <translation>%1；参见 &apos;lanwatch-cli monitor --help&apos;。</translation>
    </message>
    <message>
        <source>give at least one target to watch, e.g. 192.168.1.0/24; see &apos;lanwatch-cli monitor --help&apos;.</source>
        <translation>请至少给出一个要监视的目标，例如 192.168.1.0/24；参见 &apos;lanwatch-cli monitor --help&apos;。</translation>
    </message>
    <message>
        <source>--interval must be a whole number of seconds from %1 to %2, not &apos;%3&apos;.</source>
        <translation>--interval 必须是 %1 到 %2 之间的整数秒，而不是 &apos;%3&apos;。</translation>
    </message>
    <message>
        <source>--grace must be a whole number of seconds from %1 to %2, not &apos;%3&apos;.</source>
        <translation>--grace 必须是 %1 到 %2 之间的整数秒，而不是 &apos;%3&apos;。</translation>
    </message>
    <message>
        <source>bad target &apos;%1&apos;: %2</source>
        <translation>无效目标 &apos;%1&apos;：%2</translation>
    </message>
    <message>
        <source>Watch one or more targets until interrupted (Ctrl-C): each is swept every --interval seconds
(or its own: TARGET@S, e.g. 10.0.0.0/16@600), a target larger than 4096 addresses in slices after
its first sweep (every address a device holds, plus the next 4096 others each time),
devices announcing themselves in between (ARP, DHCP) are recorded at once, and every change is
printed as it happens: new device, offline (after the grace period), back online, IP changed,
duplicate IP, possible ARP spoofing, name changed. Everything is kept in the device inventory.

Exit status: 0 after an interrupt, 1 the inventory could not be opened, 2 bad arguments.</source>
        <translation>监视一个或多个目标直到被中断（Ctrl-C）：每个目标每 --interval 秒扫描一次
（或使用自己的间隔：目标@秒，例如 10.0.0.0/16@600）；超过 4096 个地址的目标在首次扫描后分片扫描
（每次扫描设备持有的所有地址，再加上接下来的 4096 个其他地址），
其间自行通告的设备（ARP、DHCP）会立即记录，每次变化发生时即输出：
新设备、离线（宽限期之后）、重新上线、IP 变更、IP 冲突、可能的 ARP 欺骗、名称变更。
所有内容都保存在设备清单中。

退出状态：0 被中断后，1 无法打开清单，2 参数错误。</translation>
    </message>
    <message>
        <source>A subnet, range or address list to watch, e.g. 192.168.1.0/24, optionally with its own interval in seconds after @ (repeatable).</source>
        <translation>要监视的子网、范围或地址列表，例如 192.168.1.0/24，可在 @ 后附上自己的间隔秒数（可重复）。</translation>
    </message>
    <message>
        <source>bad target &apos;%1&apos;: the interval after @ must be a whole number of seconds from %2 to %3.</source>
        <translation>目标“%1”有误：@ 后的间隔必须是 %2 到 %3 之间的整数秒。</translation>
    </message>
    <message>
        <source>%1 every %2 s (offline after %3 s without an answer)</source>
        <translation>%1，每 %2 秒一次（%3 秒无应答视为离线）</translation>
    </message>
    <message>
        <source>watching %1; inventory %2. Ctrl-C stops.</source>
        <translation>正在监视 %1；清单 %2。按 Ctrl-C 停止。</translation>
    </message>
</context>
<context>
    <name>NetInfo</name>
    <message>
        <source>Cannot read the routing table: %1</source>
        <translation>无法读取路由表：%1</translation>
    </message>
    <message>
        <source>Cannot read the neighbour table: %1</source>
        <translation>无法读取邻居表：%1</translation>
    </message>
</context>
<context>
    <name>OuiDatabase</name>
    <message>
        <source>No vendor registry found in %1 (install ieee-data).</source>
        <translation>在 %1 中找不到厂商注册表（请安装 ieee-data）。</translation>
    </message>
    <message>
        <source>Cannot read the vendor registry %1: %2</source>
        <translation>无法读取厂商注册表 %1：%2</translation>
    </message>
    <message>
        <source>Locally administered</source>
        <translation>本地管理地址</translation>
    </message>
</context>
<context>
    <name>Sweep</name>
    <message>
        <source>Cannot start the sweep: %1</source>
        <translation>无法开始扫描：%1</translation>
    </message>
    <message>
        <source>ARP on %1 is not available (%2); probing its hosts with ICMP/TCP instead.</source>
        <translation>%1 上无法使用 ARP（%2）；改用 ICMP/TCP 探测其主机。</translation>
    </message>
    <message>
        <source>ICMP echo is not available (%1); using the other methods.</source>
        <translation>无法使用 ICMP 回显（%1）；改用其他方式。</translation>
    </message>
    <message>
        <source>TCP probes are failing: %1</source>
        <translation>TCP 探测失败：%1</translation>
    </message>
    <message>
        <source>ARP replies for addresses this scan had not asked about, ignored (possible spoofing): %1</source>
        <translation>已忽略针对本次扫描未询问地址的 ARP 应答（可能是欺骗）：%1</translation>
    </message>
</context>
<context>
    <name>SyncPair</name>
    <message>
        <source>Choose the folder to copy from.</source>
        <translation>请选择要从中复制的文件夹。</translation>
    </message>
    <message>
        <source>Choose the folder to copy to.</source>
        <translation>请选择要复制到的文件夹。</translation>
    </message>
    <message>
        <source>Use an absolute path for the source (starting with /).</source>
        <translation>源文件夹请使用绝对路径（以 / 开头）。</translation>
    </message>
    <message>
        <source>Use an absolute path for the destination (starting with /).</source>
        <translation>目标文件夹请使用绝对路径（以 / 开头）。</translation>
    </message>
    <message>
        <source>The source folder %1 does not exist. If it is on a removable or network disk, mount it first.</source>
        <translation>源文件夹 %1 不存在。如果它位于移动硬盘或网络磁盘上，请先挂载。</translation>
    </message>
    <message>
        <source>The source %1 is a file, not a folder.</source>
        <translation>源 %1 是文件，不是文件夹。</translation>
    </message>
    <message>
        <source>The source folder %1 cannot be read by this user: check its permissions.</source>
        <translation>当前用户无法读取源文件夹 %1：请检查其权限。</translation>
    </message>
    <message>
        <source>The destination is the source folder itself: choose another folder.</source>
        <translation>目标就是源文件夹本身：请选择另一个文件夹。</translation>
    </message>
    <message>
        <source>The destination is inside the source: each run would copy its own copies. Choose a folder outside %1.</source>
        <translation>目标位于源文件夹之内：每次运行都会复制上次的副本。请选择 %1 之外的文件夹。</translation>
    </message>
    <message>
        <source>The destination contains the source: a mirror would delete the source&apos;s neighbours. Choose a folder that does not contain %1.</source>
        <translation>目标包含源文件夹：镜像会删除与源文件夹同级的内容。请选择不包含 %1 的文件夹。</translation>
    </message>
    <message>
        <source>The destination %1 is a file, not a folder.</source>
        <translation>目标 %1 是文件，不是文件夹。</translation>
    </message>
    <message>
        <source>The destination&apos;s parent folder %1 does not exist. If it is on a removable or network disk, mount it first.</source>
        <translation>目标的上级文件夹 %1 不存在。如果它位于移动硬盘或网络磁盘上，请先挂载。</translation>
    </message>
    <message>
        <source>This user cannot write to %1: check its permissions.</source>
        <translation>当前用户无法写入 %1：请检查其权限。</translation>
    </message>
    <message>
        <source>Another pair (%1) already writes to this folder or around it: two pairs would undo each other&apos;s work.</source>
        <translation>另一个文件夹对（%1）已在写入此文件夹或其上下级：两个文件夹对会互相抵消对方的工作。</translation>
    </message>
    <message>
        <source>The poll interval must be from 1 second to 1 day.</source>
        <translation>轮询间隔必须在 1 秒到 1 天之间。</translation>
    </message>
    <message>
        <source>The delay must be from 0 seconds to 1 hour.</source>
        <translation>延迟必须在 0 秒到 1 小时之间。</translation>
    </message>
    <message>
        <source>The deletion threshold must be from 1% to 100%.</source>
        <translation>删除阈值必须在 1% 到 100% 之间。</translation>
    </message>
    <message>
        <source>The modification-time tolerance must be from 0 to 3600 seconds.</source>
        <translation>修改时间容差必须在 0 到 3600 秒之间。</translation>
    </message>
    <message>
        <source>The number of days to keep versions cannot be negative.</source>
        <translation>保留历史版本的天数不能为负数。</translation>
    </message>
    <message>
        <source>The pattern &apos;%1&apos; would exclude everything.</source>
        <translation>模式“%1”会排除所有内容。</translation>
    </message>
    <message>
        <source>The pattern &apos;%1&apos; has an unclosed [ ].</source>
        <translation>模式“%1”中有未闭合的 [ ]。</translation>
    </message>
    <message>
        <source>The longest wait must be from 1 second to 1 day.</source>
        <translation>最长等待时间必须在 1 秒到 1 天之间。</translation>
    </message>
</context>
<context>
    <name>SyncPlan</name>
    <message>
        <source>Source: %1 Nothing was changed.</source>
        <translation>源：%1 未做任何更改。</translation>
    </message>
    <message>
        <source>Destination: %1 Nothing was changed.</source>
        <translation>目标：%1 未做任何更改。</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>%1: the destination has a %2 where the source has a %3; left as it is (update mode never deletes).</source>
        <translation>%1：目标中此处是%2，而源中是%3；保持不变（更新模式从不删除）。</translation>
    </message>
    <message>
        <source>folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>file</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>type changed</source>
        <translation>类型已改变</translation>
    </message>
    <message>
        <source>new</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>folder times</source>
        <translation>文件夹时间</translation>
    </message>
    <message>
        <source>size changed</source>
        <translation>大小已改变</translation>
    </message>
    <message>
        <source>newer</source>
        <translation>较新</translation>
    </message>
    <message>
        <source>older</source>
        <translation>较旧</translation>
    </message>
    <message>
        <source>permissions changed</source>
        <translation>权限已改变</translation>
    </message>
    <message>
        <source>link changed</source>
        <translation>链接已改变</translation>
    </message>
    <message>
        <source>not in source</source>
        <translation>源中不存在</translation>
    </message>
    <message numerus="yes">
        <source>modification times to %n seconds only</source>
        <translation>
            <numerusform>修改时间仅精确到 %n 秒</numerusform>
        </translation>
    </message>
    <message>
        <source>no permissions</source>
        <translation>不保存权限</translation>
    </message>
    <message>
        <source>no symbolic links</source>
        <translation>不支持符号链接</translation>
    </message>
    <message>
        <source>no owners</source>
        <translation>不保存所有者</translation>
    </message>
    <message>
        <source>The destination %1 is on a file system (%2) that keeps %3: times are compared within its precision and what it cannot keep is not compared.</source>
        <translation>目标 %1 所在的文件系统（%2）有以下限制：%3。时间按其精度比较，它无法保存的信息不作比较。</translation>
    </message>
    <message>
        <source>owner changed</source>
        <translation>所有者已改变</translation>
    </message>
    <message>
        <source>create folder</source>
        <translation>创建文件夹</translation>
    </message>
    <message>
        <source>copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>update</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>link</source>
        <translation>创建链接</translation>
    </message>
    <message>
        <source>delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>permissions and times</source>
        <translation>权限和时间</translation>
    </message>
    <message>
        <source>%1 is kept: it holds excluded entries, which a mirror never deletes.</source>
        <translation>%1 已保留：其中含有被排除的条目，镜像从不删除这些条目。</translation>
    </message>
    <message>
        <source>%1: a name lanwatch keeps for itself in destinations; not synced</source>
        <translation>%1：lanwatch 在目标文件夹中保留此名称自用；未同步</translation>
    </message>
</context>
<context>
    <name>SyncRunner</name>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>Cannot write into the folder of %1: %2</source>
        <translation>无法写入 %1 所在的文件夹：%2</translation>
    </message>
    <message>
        <source>Copying %1 failed: %2</source>
        <translation>复制 %1 失败：%2</translation>
    </message>
    <message>
        <source>Cannot keep the old version of %1: %2; left it unchanged.</source>
        <translation>无法保留 %1 的旧版本：%2；已保持不变。</translation>
    </message>
    <message>
        <source>Cannot put %1 in place: %2</source>
        <translation>无法将 %1 放到位：%2</translation>
    </message>
    <message>
        <source>Cannot read the link %1: %2</source>
        <translation>无法读取链接 %1：%2</translation>
    </message>
    <message>
        <source>Cannot create the link %1: %2</source>
        <translation>无法创建链接 %1：%2</translation>
    </message>
    <message>
        <source>Cannot remove the old versions in %1.</source>
        <translation>无法删除 %1 中的旧版本。</translation>
    </message>
    <message>
        <source>This run would delete %1 of the %2 files in %3 (the limit is %4%). Nothing was changed; check the source, then sync with force to go ahead.</source>
        <translation>本次运行将删除 %3 中 %2 个文件中的 %1 个（上限为 %4%）。未做任何更改；请检查源，然后强制同步以继续。</translation>
    </message>
    <message>
        <source>Cannot open the source %1: %2. Nothing was changed.</source>
        <translation>无法打开源 %1：%2。未做任何更改。</translation>
    </message>
    <message>
        <source>Cannot create the destination %1: %2</source>
        <translation>无法创建目标 %1：%2</translation>
    </message>
    <message>
        <source>Cannot open the destination %1: %2</source>
        <translation>无法打开目标 %1：%2</translation>
    </message>
    <message>
        <source>Cannot move %1 out of the way: %2</source>
        <translation>无法移开 %1：%2</translation>
    </message>
    <message>
        <source>Cannot create the folder %1: %2</source>
        <translation>无法创建文件夹 %1：%2</translation>
    </message>
    <message>
        <source>Cannot remove %1: %2</source>
        <translation>无法删除 %1：%2</translation>
    </message>
    <message>
        <source>The destination %1 is full (%2). The run stopped there and deleted nothing; free some space and it runs again.</source>
        <translation>目标 %1 已满（%2）。运行已就此停止，未删除任何内容；请释放一些空间，之后会再次运行。</translation>
    </message>
    <message>
        <source>The destination %1 is read-only (%2). The run stopped and deleted nothing.</source>
        <translation>目标 %1 是只读的（%2）。运行已停止，未删除任何内容。</translation>
    </message>
    <message>
        <source>Input/output error on %1 (%2): the disk may be failing. The run stopped and deleted nothing.</source>
        <translation>%1 发生输入/输出错误（%2）：磁盘可能正在损坏。运行已停止，未删除任何内容。</translation>
    </message>
    <message>
        <source>Cannot set the owner of %1: %2</source>
        <translation>无法设置 %1 的所有者：%2</translation>
    </message>
    <message>
        <source>Cannot set the permissions of %1: %2</source>
        <translation>无法设置 %1 的权限：%2</translation>
    </message>
    <message>
        <source>Cannot set the modification time of %1: %2</source>
        <translation>无法设置 %1 的修改时间：%2</translation>
    </message>
    <message>
        <source>%1: a folder on its path in the %2 was replaced by a link or a file since the plan; nothing was done through it.</source>
        <translation>%1：生成计划后，它在%2中的路径上有一个文件夹被替换为链接或文件；未经由该路径执行任何操作。</translation>
    </message>
    <message>
        <source>source</source>
        <translation>源</translation>
    </message>
    <message>
        <source>destination</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Cannot read the folder of %1: %2</source>
        <translation>无法读取 %1 所在的文件夹：%2</translation>
    </message>
    <message>
        <source>Cannot open the folder of %1: %2</source>
        <translation>无法打开 %1 所在的文件夹：%2</translation>
    </message>
    <message>
        <source>%1 was replaced by a link since the plan; not copied.</source>
        <translation>%1 在生成计划后被替换为链接；未复制。</translation>
    </message>
    <message>
        <source>%1 was removed from the source since the plan; not copied.</source>
        <translation>%1 在生成计划后已从源中移除；未复制。</translation>
    </message>
    <message>
        <source>%1 is no longer a regular file; not copied.</source>
        <translation>%1 已不再是普通文件；未复制。</translation>
    </message>
    <message>
        <source>%1 kept changing during %2 copies and was not copied (this file system has no snapshots); it is tried again on the next run.</source>
        <translation>%1 在 %2 次复制过程中一直在变化，未能复制（此文件系统不支持快照）；将在下次运行时重试。</translation>
    </message>
    <message>
        <source>Writing %1 failed: %2</source>
        <translation>写入 %1 失败：%2</translation>
    </message>
    <message>
        <source>%1 kept changing; a consistent snapshot of it (reflink) was copied.</source>
        <translation>%1 一直在变化；已复制它的一致性快照（reflink）。</translation>
    </message>
    <message>
        <source>Cannot create the link %1: the destination&apos;s file system has no symbolic links.</source>
        <translation>无法创建链接 %1：目标所在的文件系统不支持符号链接。</translation>
    </message>
    <message>
        <source>Cannot set the metadata of %1: %2</source>
        <translation>无法设置 %1 的元数据：%2</translation>
    </message>
    <message>
        <source>%1 in the destination changed since the plan; not deleted.</source>
        <translation>目标中的 %1 在生成计划后已改变；未删除。</translation>
    </message>
    <message>
        <source>%1 is in the source again; not deleted.</source>
        <translation>%1 又出现在源中；未删除。</translation>
    </message>
    <message>
        <source>Cannot check %1 in the source (%2); not deleted.</source>
        <translation>无法检查源中的 %1（%2）；未删除。</translation>
    </message>
    <message numerus="yes">
        <source>The source %1 is empty but the destination has %n files: is the source&apos;s disk mounted? Nothing was deleted; sync with force only if the source really is empty now.</source>
        <translation>
            <numerusform>源 %1 是空的，但目标中有 %n 个文件：源所在的磁盘是否已挂载？未删除任何内容；只有当源现在确实为空时才强制同步。</numerusform>
        </translation>
    </message>
    <message>
        <source>The source %1 is another folder than when the plan was made (a disk mounted or unmounted?). Nothing was changed; plan again.</source>
        <translation>源 %1 已不是生成计划时的那个文件夹（是否挂载或卸载了磁盘？）。未做任何更改；请重新生成计划。</translation>
    </message>
    <message>
        <source>The destination %1 is another folder than when the plan was made. Nothing was changed; plan again.</source>
        <translation>目标 %1 已不是生成计划时的那个文件夹。未做任何更改；请重新生成计划。</translation>
    </message>
    <message>
        <source>Another lanwatch run is writing to %1 right now. Nothing was changed; this run is tried again later.</source>
        <translation>另一个 lanwatch 运行正在写入 %1。未做任何更改；本次运行稍后会重试。</translation>
    </message>
    <message>
        <source>Not enough room in %1: this run needs %2 and %3 is free. Nothing was changed.</source>
        <translation>%1 空间不足：本次运行需要 %2，而可用空间只有 %3。未做任何更改。</translation>
    </message>
    <message>
        <source>Not enough room in %1: this run creates %2 entries and the file system has room for %3 more. Nothing was changed.</source>
        <translation>%1 空间不足：本次运行将创建 %2 个条目，而文件系统只能再容纳 %3 个。未做任何更改。</translation>
    </message>
    <message>
        <source>Deletions skipped: the run stopped on an error first.</source>
        <translation>已跳过删除：运行在此之前已因错误而停止。</translation>
    </message>
    <message>
        <source>Flushing %1 to disk failed: %2</source>
        <translation>将 %1 刷新到磁盘失败：%2</translation>
    </message>
    <message numerus="yes">
        <source>Deletions skipped: nothing was deleted (%n not in the source kept), because parts of the source could not be read, and what could not be read may be exactly what would be deleted.</source>
        <translation>
            <numerusform>已跳过删除：未删除任何内容（保留了 %n 个源中不存在的条目），因为源的部分内容无法读取，而无法读取的可能正是将被删除的内容。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TargetSet</name>
    <message>
        <source>&apos;%1&apos; is not an IPv4 address: expected four numbers separated by dots, like 192.168.1.10.</source>
        <translation>“%1”不是 IPv4 地址：应为用点分隔的四个数字，例如 192.168.1.10。</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an IPv4 address: &apos;%2&apos; is not a number from 0 to 255.</source>
        <translation>“%1”不是 IPv4 地址：“%2”不是 0 到 255 之间的数字。</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an IPv4 address: %2 is larger than 255.</source>
        <translation>“%1”不是 IPv4 地址：%2 大于 255。</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: the prefix length must be a number from 0 to 32, not &apos;%2&apos;.</source>
        <translation>“%1”：前缀长度必须是 0 到 32 之间的数字，而不是“%2”。</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: the range end must be an address or a last octet from 0 to 255, not &apos;%2&apos;.</source>
        <translation>“%1”：范围的结束值必须是地址或 0 到 255 之间的最后一段，而不是“%2”。</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is a reversed range: it ends before it starts. Write the lower address first.</source>
        <translation>“%1”是反向范围：结束地址小于起始地址。请先写较小的地址。</translation>
    </message>
    <message>
        <source>No target given: enter a subnet (10.0.1.0/24), a range (10.0.1.10-50) or an address.</source>
        <translation>未指定目标：请输入子网（10.0.1.0/24）、地址范围（10.0.1.10-50）或地址。</translation>
    </message>
    <message>
        <source>The target list has an empty entry: remove the extra comma.</source>
        <translation>目标列表中有空项：请删除多余的逗号。</translation>
    </message>
    <message>
        <source>&apos;%1&apos; contains no address to probe.</source>
        <translation>“%1”中没有可探测的地址。</translation>
    </message>
    <message>
        <source>&apos;%1&apos; has %2 addresses, more than the limit of %3. Narrow the target, or allow large scans (--allow-large) if you really mean it.</source>
        <translation>“%1”包含 %2 个地址，超过上限 %3。请缩小目标范围；如确有需要，请允许大范围扫描（--allow-large）。</translation>
    </message>
</context>
<context>
    <name>lanwatch::monitor::Monitor</name>
    <message>
        <source>The interval must be from %1 to %2 seconds, not %3.</source>
        <translation>间隔必须在 %1 到 %2 秒之间，而不是 %3。</translation>
    </message>
    <message>
        <source>Cannot watch &quot;%1&quot;: %2</source>
        <translation>无法监视“%1”：%2</translation>
    </message>
    <message>
        <source>The grace period must be from %1 to %2 seconds (or 0 for automatic), not %3.</source>
        <translation>宽限期必须在 %1 到 %2 秒之间（或 0 表示自动），而不是 %3。</translation>
    </message>
    <message>
        <source>No watched target is on a network this computer is attached to: devices are found by the scheduled sweeps only.</source>
        <translation>没有任何被监视的目标位于本机所连接的网络上：只能通过定时扫描发现设备。</translation>
    </message>
    <message>
        <source>Sweep of %1 could not start: %2</source>
        <translation>无法开始扫描 %1：%2</translation>
    </message>
</context>
<context>
    <name>lanwatch::monitor::PassiveListener</name>
    <message>
        <source>No interface to listen on.</source>
        <translation>没有可监听的网络接口。</translation>
    </message>
    <message>
        <source>Cannot listen on %1: there is no such interface here.</source>
        <translation>无法在 %1 上监听：此处没有这个接口。</translation>
    </message>
    <message>
        <source>Cannot listen on %1: %2</source>
        <translation>无法在 %1 上监听：%2</translation>
    </message>
    <message>
        <source>Cannot follow the neighbour table: %1</source>
        <translation>无法跟踪邻居表：%1</translation>
    </message>
    <message>
        <source>Cannot start listening: %1</source>
        <translation>无法开始监听：%1</translation>
    </message>
    <message>
        <source>passive listening needs CAP_NET_RAW; using the kernel&apos;s neighbour table instead</source>
        <translation>被动监听需要 CAP_NET_RAW；改用内核的邻居表</translation>
    </message>
</context>
<context>
    <name>lanwatch::net::DnsMessage</name>
    <message>
        <source>a name runs past the end of the message</source>
        <translation>某个名称超出了报文末尾</translation>
    </message>
    <message>
        <source>a compression pointer is cut off</source>
        <translation>某个压缩指针被截断</translation>
    </message>
    <message>
        <source>a compression pointer does not point backwards (a loop)</source>
        <translation>某个压缩指针没有指向前面（形成循环）</translation>
    </message>
    <message>
        <source>a label has a reserved type (longer than 63 bytes)</source>
        <translation>某个标签使用了保留类型（长于 63 字节）</translation>
    </message>
    <message>
        <source>a label runs past the end of the message</source>
        <translation>某个标签超出了报文末尾</translation>
    </message>
    <message>
        <source>a name is longer than 255 bytes</source>
        <translation>某个名称长于 255 字节</translation>
    </message>
    <message>
        <source>a record header runs past the end of the message</source>
        <translation>某条记录的头部超出了报文末尾</translation>
    </message>
    <message>
        <source>record data runs past the end of the message</source>
        <translation>记录数据超出了报文末尾</translation>
    </message>
    <message>
        <source>a record&apos;s name does not fill its data</source>
        <translation>某条记录的名称没有占满其数据</translation>
    </message>
    <message>
        <source>shorter than a DNS header</source>
        <translation>比 DNS 报头还短</translation>
    </message>
    <message>
        <source>a question runs past the end of the message</source>
        <translation>某个问题超出了报文末尾</translation>
    </message>
    <message>
        <source>an SRV record is too short</source>
        <translation>某条 SRV 记录太短</translation>
    </message>
    <message>
        <source>a TXT string runs past its record</source>
        <translation>某个 TXT 字符串超出了其记录</translation>
    </message>
</context>
<context>
    <name>lanwatch::net::ReverseResolver</name>
    <message>
        <source>cannot open a UDP socket for %1: %2</source>
        <translation>无法为 %1 打开 UDP 套接字：%2</translation>
    </message>
    <message>
        <source>cannot ask for %1: not a valid DNS name</source>
        <translation>无法查询 %1：不是有效的 DNS 名称</translation>
    </message>
    <message>
        <source>cannot send to %1: %2</source>
        <translation>无法发送到 %1：%2</translation>
    </message>
    <message>
        <source>no answer from %1 within %2 s</source>
        <translation>%1 在 %2 秒内没有应答</translation>
    </message>
    <message>
        <source>%1 answered with DNS error code %2</source>
        <translation>%1 返回了 DNS 错误码 %2</translation>
    </message>
    <message>
        <source>the answer from %1 was truncated (TC bit); lanwatch does not retry over TCP</source>
        <translation>来自 %1 的应答被截断（TC 位）；lanwatch 不会改用 TCP 重试</translation>
    </message>
    <message>
        <source>malformed answer from %1: %2</source>
        <translation>来自 %1 的应答格式错误：%2</translation>
    </message>
</context>
<context>
    <name>lanwatch::scan::NameProbe</name>
    <message>
        <source>mDNS: port %1 is taken by a program that does not share it; asking from another port, which some devices (iPhones) do not answer</source>
        <translation>mDNS：端口 %1 被一个不共享该端口的程序占用；改从其他端口查询，部分设备（如 iPhone）不会应答</translation>
    </message>
    <message>
        <source>host names: cannot open a UDP socket (%1); no mDNS or NetBIOS names</source>
        <translation>主机名：无法打开 UDP 套接字（%1）；没有 mDNS 或 NetBIOS 名称</translation>
    </message>
</context>
<context>
    <name>lanwatch::scan::ScanEngine</name>
    <message>
        <source>ARP requests on directly attached subnets (raw packet socket)</source>
        <translation>在直连子网上发送 ARP 请求（原始数据包套接字）</translation>
    </message>
    <message>
        <source>ICMP echo (unprivileged ping socket)</source>
        <translation>ICMP 回显（非特权 ping 套接字）</translation>
    </message>
    <message>
        <source>ICMP echo (raw socket)</source>
        <translation>ICMP 回显（原始套接字）</translation>
    </message>
    <message>
        <source>TCP connect to ports %1</source>
        <translation>向端口 %1 发起 TCP 连接</translation>
    </message>
    <message>
        <source>Kernel neighbour table for MAC addresses and hosts that ignore ping</source>
        <translation>用内核邻居表获取 MAC 地址并发现不响应 ping 的主机</translation>
    </message>
    <message>
        <source>A scan is already running; stop it first.</source>
        <translation>已有扫描在进行，请先停止它。</translation>
    </message>
    <message>
        <source>There is no address to scan.</source>
        <translation>没有要扫描的地址。</translation>
    </message>
    <message>
        <source>ICMP echo is not allowed for this user (net.ipv4.ping_group_range excludes it and there is no CAP_NET_RAW); using TCP probes.</source>
        <translation>当前用户不允许发送 ICMP 回显（net.ipv4.ping_group_range 不包含该用户，且没有 CAP_NET_RAW）；改用 TCP 探测。</translation>
    </message>
    <message>
        <source>ICMP echo is not allowed for this user: add its group to net.ipv4.ping_group_range (sysctl), grant CAP_NET_RAW, or choose another method.</source>
        <translation>当前用户不允许发送 ICMP 回显：请将其用户组加入 net.ipv4.ping_group_range（sysctl）、授予 CAP_NET_RAW，或选择其他探测方式。</translation>
    </message>
    <message>
        <source>TCP probing needs at least one port.</source>
        <translation>TCP 探测至少需要一个端口。</translation>
    </message>
    <message>
        <source>Some targets are not on a directly attached Ethernet subnet, where ARP cannot reach; they are probed with ICMP and TCP.</source>
        <translation>部分目标不在直连的以太网子网中，ARP 无法到达；将用 ICMP 和 TCP 探测它们。</translation>
    </message>
    <message>
        <source>reverse DNS: %1</source>
        <translation>反向 DNS：%1</translation>
    </message>
    <message>
        <source>reverse DNS: no answer from %1 within %2 s; names are missing</source>
        <translation>反向 DNS：%1 在 %2 秒内没有应答；缺少主机名</translation>
    </message>
    <message>
        <source>%1 Targets are taken as on-link by the interfaces&apos; prefixes.</source>
        <translation>%1 将按接口前缀判断目标是否在本地链路上。</translation>
    </message>
    <message>
        <source>Without CAP_NET_RAW there is no ARP sweep: hosts are found by ICMP, TCP and the kernel&apos;s neighbour table, which is slower on large subnets. Grant it to the helper that opens raw sockets for lanwatch: sudo setcap cap_net_raw+ep &lt;path to lanwatch-netcap&gt;</source>
        <translation>没有 CAP_NET_RAW 就无法进行 ARP 扫描：主机将通过 ICMP、TCP 和内核邻居表发现，在大型子网上会更慢。请将该权限授予为 lanwatch 打开原始套接字的辅助程序：sudo setcap cap_net_raw+ep &lt;lanwatch-netcap 的路径&gt;</translation>
    </message>
    <message>
        <source>ARP scanning needs CAP_NET_RAW (run as root, or: sudo setcap cap_net_raw+ep on the lanwatch-netcap helper); using ICMP, TCP and the kernel&apos;s neighbour table instead.</source>
        <translation>ARP 扫描需要 CAP_NET_RAW（以 root 运行，或对辅助程序 lanwatch-netcap 执行 sudo setcap cap_net_raw+ep）；改用 ICMP、TCP 和内核邻居表。</translation>
    </message>
</context>
<context>
    <name>lanwatch::scan::WakeOnLan</name>
    <message>
        <source>There is no interface %1 with an IPv4 address.</source>
        <translation>没有带 IPv4 地址的接口 %1。</translation>
    </message>
    <message>
        <source>There is no network interface to send the wake-up from; give the broadcast address.</source>
        <translation>没有可用于发送唤醒包的网络接口；请指定广播地址。</translation>
    </message>
    <message>
        <source>Cannot open a UDP socket: %1</source>
        <translation>无法打开 UDP 套接字：%1</translation>
    </message>
    <message>
        <source>Could not send the wake-up to %1: %2</source>
        <translation>无法向 %1 发送唤醒包：%2</translation>
    </message>
    <message>
        <source>%1:%2 on %3</source>
        <translation>%1:%2（经由 %3）</translation>
    </message>
</context>
<context>
    <name>lanwatch::sync::SyncScheduler</name>
    <message>
        <source>Paused.</source>
        <translation>已暂停。</translation>
    </message>
    <message>
        <source>Resumed.</source>
        <translation>已继续。</translation>
    </message>
    <message>
        <source>Run failed: %1</source>
        <translation>运行失败：%1</translation>
    </message>
    <message>
        <source>Held back: %1</source>
        <translation>已暂缓：%1</translation>
    </message>
    <message>
        <source>Run finished in %1 ms: %2 copied, %3 updated, %4 deleted%5.</source>
        <translation>运行在 %1 毫秒内完成：复制 %2 个，更新 %3 个，删除 %4 个%5。</translation>
    </message>
    <message>
        <source>The system&apos;s inotify watch limit is reached; changes in %1 are noticed by polling only.</source>
        <translation>已达到系统的 inotify 监视数量上限；%1 中的变化只能通过轮询发现。</translation>
    </message>
    <message>
        <source>Waiting for the cancelled run to stop.</source>
        <translation>正在等待已取消的运行停止。</translation>
    </message>
    <message>
        <source>Nothing is held back: no plan to apply.</source>
        <translation>没有被暂缓的运行：没有可执行的计划。</translation>
    </message>
    <message>
        <source>A run is going on; the held-back plan was not applied. Try again when it has finished.</source>
        <translation>有一次运行正在进行；暂缓的计划未执行。请在它结束后重试。</translation>
    </message>
    <message>
        <source>Waiting for the previous run on %1 to stop.</source>
        <translation>正在等待 %1 上的上一次运行停止。</translation>
    </message>
    <message>
        <source>Setting up the watches on %1.</source>
        <translation>正在为 %1 设置监视。</translation>
    </message>
    <message>
        <source>Run cancelled; what was copied so far is complete, nothing half-written is left.</source>
        <translation>运行已取消；已复制的内容都是完整的，没有留下写了一半的文件。</translation>
    </message>
    <message>
        <source>The source changed since the plan you confirmed, so nothing was done. Check the new plan: %1</source>
        <translation>自您确认计划以来源已改变，因此未做任何操作。请检查新的计划：%1</translation>
    </message>
    <message>
        <source>Some entries were not synced.</source>
        <translation>部分条目未能同步。</translation>
    </message>
    <message numerus="yes">
        <source>Run failed again (%n times in a row).</source>
        <translation>
            <numerusform>运行再次失败（已连续 %n 次）。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n problem(s)</source>
        <translation>
            <numerusform>，%n 个问题</numerusform>
        </translation>
    </message>
    <message>
        <source>idle</source>
        <translation>空闲</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>等待中</translation>
    </message>
    <message>
        <source>syncing</source>
        <translation>正在同步</translation>
    </message>
    <message>
        <source>problems</source>
        <translation>有问题</translation>
    </message>
    <message>
        <source>error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>held back</source>
        <translation>已暂缓</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
</context>
<context>
    <name>lanwatch::ui::DeviceHistoryDialog</name>
    <message>
        <source>IP address</source>
        <translation>IP 地址</translation>
    </message>
    <message>
        <source>First seen</source>
        <translation>首次发现</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>最后发现</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>截止</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Presence, last 7 days</source>
        <translation>在线情况（最近 7 天）</translation>
    </message>
    <message>
        <source>Round-trip time, last 7 days (line: average, band: lowest to highest)</source>
        <translation>往返时间（最近 7 天；线：平均值，色带：最低到最高）</translation>
    </message>
    <message>
        <source>IP addresses</source>
        <translation>IP 地址</translation>
    </message>
    <message>
        <source>Names seen</source>
        <translation>见过的名称</translation>
    </message>
    <message>
        <source>Device history</source>
        <translation>设备历史</translation>
    </message>
    <message>
        <source>This device is no longer in the inventory (it was forgotten or merged into another one).</source>
        <translation>此设备已不在设备清单中（它已被遗忘，或已合并到另一台设备）。</translation>
    </message>
    <message>
        <source>History of %1</source>
        <translation>%1 的历史</translation>
    </message>
    <message>
        <source>online since %1</source>
        <translation>自 %1 起在线</translation>
    </message>
    <message>
        <source>offline, last seen %1</source>
        <translation>离线，最后发现于 %1</translation>
    </message>
    <message>
        <source>online %1% of the last 7 days</source>
        <translation>最近 7 天中 %1% 的时间在线</translation>
    </message>
    <message>
        <source>still holds it</source>
        <translation>仍在使用</translation>
    </message>
    <message>
        <source>DNS (reverse lookup)</source>
        <translation>DNS（反向查询）</translation>
    </message>
    <message>
        <source>DHCP (host name the device sent)</source>
        <translation>DHCP（设备发送的主机名）</translation>
    </message>
    <message>
        <source>mDNS</source>
        <translation>mDNS（组播 DNS）</translation>
    </message>
    <message>
        <source>NetBIOS</source>
        <translation>NetBIOS 名称</translation>
    </message>
    <message>
        <source>%1 (pinned)</source>
        <translation>%1（已固定）</translation>
    </message>
    <message>
        <source>its last known address</source>
        <translation>最后已知的地址</translation>
    </message>
</context>
<context>
    <name>lanwatch::ui::DeviceTableModel</name>
    <message>
        <source>known</source>
        <translation>已知</translation>
    </message>
    <message>
        <source>new</source>
        <translation>新设备</translation>
    </message>
    <message>
        <source>online</source>
        <translation>在线</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>Seen on the network as %1</source>
        <translation>在网络上显示为 %1</translation>
    </message>
    <message>
        <source>A randomized (private) MAC address: the device may show up with another one later</source>
        <translation>随机（私有）MAC 地址：此设备以后可能以另一个地址出现</translation>
    </message>
    <message>
        <source>Also seen as %1</source>
        <translation>也曾显示为 %1</translation>
    </message>
    <message>
        <source>Online since %1</source>
        <translation>自 %1 起在线</translation>
    </message>
    <message>
        <source>Last seen %1</source>
        <translation>最后发现于 %1</translation>
    </message>
    <message>
        <source>Online in the last 24 hours (left: 24 hours ago, right: now)</source>
        <translation>最近 24 小时的在线情况（左：24 小时前，右：现在）</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>IP address</source>
        <translation>IP 地址</translation>
    </message>
    <message>
        <source>MAC address</source>
        <translation>MAC 地址</translation>
    </message>
    <message>
        <source>Vendor</source>
        <translation>厂商</translation>
    </message>
    <message>
        <source>Known</source>
        <translation>已知</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>First seen</source>
        <translation>首次发现</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>最后发现</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>最近 24 小时</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>lanwatch::ui::DevicesTab</name>
    <message>
        <source>&amp;Known</source>
        <translation>已知(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>新设备(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Online only</source>
        <translation>仅在线(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Mark as known</source>
        <translation>标记为已知(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Forget…</source>
        <translation>遗忘(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;History…</source>
        <translation>历史(&amp;H)…</translation>
    </message>
    <message>
        <source>Filter by name, address, vendor or notes</source>
        <translation>按名称、地址、厂商或备注筛选</translation>
    </message>
    <message>
        <source>Show devices marked as known</source>
        <translation>显示已标记为已知的设备</translation>
    </message>
    <message>
        <source>Show devices not marked as known yet</source>
        <translation>显示尚未标记为已知的设备</translation>
    </message>
    <message>
        <source>Hide devices that are offline</source>
        <translation>隐藏离线的设备</translation>
    </message>
    <message>
        <source>Presence over the last 7 days, round-trip times and address history</source>
        <translation>最近 7 天的在线情况、往返时间和地址历史</translation>
    </message>
    <message>
        <source>Remove the device and its whole history from the inventory</source>
        <translation>从设备清单中删除此设备及其全部历史</translation>
    </message>
    <message>
        <source>Forget devices</source>
        <translation>遗忘设备</translation>
    </message>
    <message numerus="yes">
        <source>Forget %n device(s)? Their names, notes, address history, presence and events are removed. A forgotten device that is seen again comes back as a new device.</source>
        <translation>
            <numerusform>遗忘 %n 台设备？其名称、备注、地址历史、在线记录和事件都将被删除。被遗忘的设备再次出现时会作为新设备显示。</numerusform>
        </translation>
    </message>
    <message>
        <source>Forget</source>
        <translation>遗忘</translation>
    </message>
    <message numerus="yes">
        <source>%n online</source>
        <translation>
            <numerusform>%n 台在线</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n shown</source>
        <translation>
            <numerusform>显示 %n 台</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n device(s)</source>
        <translation>
            <numerusform>%n 台设备</numerusform>
        </translation>
    </message>
    <message>
        <source>Mer&amp;ge…</source>
        <translation>合并(&amp;G)…</translation>
    </message>
    <message>
        <source>Two entries that are one device (a phone&apos;s old and new private MAC, a laptop&apos;s Wi-Fi and Ethernet): join them, keeping the first one&apos;s name</source>
        <translation>两个条目其实是同一台设备（手机新旧两个私有 MAC、笔记本的 Wi-Fi 和以太网）：将它们合并，保留第一个的名称</translation>
    </message>
    <message>
        <source>Merge devices</source>
        <translation>合并设备</translation>
    </message>
    <message>
        <source>Merge %1 into %2? %1&apos;s addresses become aliases of %2 and its history joins %2&apos;s; this cannot be undone.</source>
        <translation>将 %1 合并到 %2？%1 的地址将成为 %2 的别名，其历史并入 %2；此操作无法撤销。</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>合并</translation>
    </message>
    <message>
        <source>&amp;Watch</source>
        <translation>监视(&amp;W)</translation>
    </message>
    <message>
        <source>Notify when the selected devices go offline or come back online</source>
        <translation>所选设备离线或重新上线时发出通知</translation>
    </message>
    <message>
        <source>Wa&amp;ke</source>
        <translation>唤醒(&amp;K)</translation>
    </message>
    <message>
        <source>Send a Wake-on-LAN packet to the selected devices</source>
        <translation>向所选设备发送网络唤醒（Wake-on-LAN）数据包</translation>
    </message>
</context>
<context>
    <name>lanwatch::ui::EventTableModel</name>
    <message>
        <source>New device</source>
        <translation>新设备</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>Back online</source>
        <translation>重新上线</translation>
    </message>
    <message>
        <source>IP changed</source>
        <translation>IP 已变更</translation>
    </message>
    <message>
        <source>IP taken over</source>
        <translation>IP 被占用</translation>
    </message>
    <message>
        <source>Duplicate IP</source>
        <translation>IP 冲突</translation>
    </message>
    <message>
        <source>Name changed</source>
        <translation>名称已变更</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>IP address</source>
        <translation>IP 地址</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
</context>
<context>
    <name>lanwatch::ui::EventsPane</name>
    <message>
        <source>Mark all &amp;seen</source>
        <translation>全部标记为已读(&amp;S)</translation>
    </message>
    <message>
        <source>All events</source>
        <translation>所有事件</translation>
    </message>
    <message>
        <source>Mark every event as seen (the tray icon stops asking for attention)</source>
        <translation>将所有事件标记为已读（托盘图标不再提醒）</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
</context>
<context>
    <name>lanwatch::ui::HostTableModel</name>
    <message>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <source>down</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>IP address</source>
        <translation>IP 地址</translation>
    </message>
    <message>
        <source>MAC address</source>
        <translation>MAC 地址</translation>
    </message>
    <message>
        <source>Vendor</source>
        <translation>厂商</translation>
    </message>
    <message>
        <source>Host name</source>
        <translation>主机名</translation>
    </message>
    <message>
        <source>RTT</source>
        <translation>往返时间</translation>
    </message>
    <message>
        <source>Found by</source>
        <translation>发现方式</translation>
    </message>
    <message>
        <source>First seen</source>
        <translation>首次发现</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>最后发现</translation>
    </message>
    <message>
        <source>ping (ICMP)</source>
        <translation>ICMP 回显（ping）</translation>
    </message>
    <message>
        <source>TCP port</source>
        <translation>TCP 端口</translation>
    </message>
    <message>
        <source>neighbour table</source>
        <translation>邻居表</translation>
    </message>
    <message>
        <source>this computer</source>
        <translation>本机</translation>
    </message>
    <message>
        <source>up</source>
        <translation>在线</translation>
    </message>
    <message>
        <source>last session</source>
        <translation>上次会话</translation>
    </message>
    <message>
        <source>Did not answer the last scan of this address (last seen %1)</source>
        <translation>上次扫描此地址时没有应答（最后发现于 %1）</translation>
    </message>
    <message>
        <source>From the last session (last seen %1); scan again to see whether it is up</source>
        <translation>来自上次会话（最后发现于 %1）；请重新扫描以查看它是否在线</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>ARP reply</source>
        <translation>ARP 应答</translation>
    </message>
    <message>
        <source>%1 (duplicate IP: +%2)</source>
        <translation>%1（IP 冲突：另有 %2 个）</translation>
    </message>
    <message>
        <source>Duplicate IP: %1 also answered for this address</source>
        <translation>IP 冲突：%1 也应答了此地址</translation>
    </message>
    <message>
        <source>The ARP reply&apos;s sender MAC differs from its frame&apos;s source MAC</source>
        <translation>ARP 应答中的发送方 MAC 与其帧的源 MAC 不同</translation>
    </message>
    <message>
        <source>DNS</source>
        <translation>DNS 反向解析</translation>
    </message>
    <message>
        <source>mDNS</source>
        <translation>mDNS（组播 DNS）</translation>
    </message>
    <message>
        <source>NetBIOS</source>
        <translation>NetBIOS 名称</translation>
    </message>
    <message>
        <source>UPnP</source>
        <translation>UPnP 设备描述</translation>
    </message>
    <message>
        <source>DHCP</source>
        <translation>DHCP 请求</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
</context>
<context>
    <name>lanwatch::ui::MainWindow</name>
    <message>
        <source>lanwatch</source>
        <translation>lanwatch</translation>
    </message>
    <message>
        <source>%1 / %2 probed, %3 found</source>
        <translation>已探测 %1 / %2，发现 %3 台</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>&amp;Target:</source>
        <translation>目标(&amp;T)：</translation>
    </message>
    <message>
        <source>A subnet (192.168.1.0/24), a range (192.168.1.10-50), an address, or a comma-separated list of these</source>
        <translation>子网（192.168.1.0/24）、地址范围（192.168.1.10-50）、单个地址，或用逗号分隔的以上各项</translation>
    </message>
    <message>
        <source>&amp;Scan</source>
        <translation>扫描(&amp;S)</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>Filter hosts…</source>
        <translation>筛选主机…</translation>
    </message>
    <message>
        <source>Hosts</source>
        <translation>主机</translation>
    </message>
    <message>
        <source>Folder sync</source>
        <translation>文件夹同步</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Export as &amp;CSV…</source>
        <translation>导出为 &amp;CSV…</translation>
    </message>
    <message>
        <source>Export as &amp;JSON…</source>
        <translation>导出为 &amp;JSON…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About lanwatch</source>
        <translation>关于 lanwatch(&amp;A)</translation>
    </message>
    <message>
        <source>About lanwatch</source>
        <translation>关于 lanwatch</translation>
    </message>
    <message>
        <source>Methods: %1</source>
        <translation>探测方式：%1</translation>
    </message>
    <message>
        <source>No CAP_NET_RAW: no ARP sweep</source>
        <translation>无 CAP_NET_RAW：不能进行 ARP 扫描</translation>
    </message>
    <message>
        <source>A scan is already running.</source>
        <translation>已有扫描在进行。</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>停止(&amp;S)</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在开始…</translation>
    </message>
    <message>
        <source>Scan finished</source>
        <translation>扫描完成</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Export hosts</source>
        <translation>导出主机</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON 文件 (*.json)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n host(s) to %1</source>
        <translation>
            <numerusform>已将 %n 台主机导出到 %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Host %1</source>
        <translation>主机 %1</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <source>lanwatch is still running</source>
        <translation>lanwatch 仍在运行</translation>
    </message>
    <message>
        <source>It keeps watching from the tray. Use Quit in the tray menu to exit, or change this in Settings.</source>
        <translation>它会在系统托盘中继续监视。要退出请使用托盘菜单中的“退出”，也可以在设置中更改此行为。</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Events (%1)</source>
        <translation>事件（%1）</translation>
    </message>
    <message numerus="yes">
        <source>%n device(s) found</source>
        <translation>
            <numerusform>发现 %n 台设备</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n network event(s)</source>
        <translation>
            <numerusform>%n 个网络事件</numerusform>
        </translation>
    </message>
    <message>
        <source>Stop &amp;watching %1</source>
        <translation>停止监视 %1(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Watch %1</source>
        <translation>监视 %1(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Monitor</source>
        <translation>监视(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Watch this target</source>
        <translation>监视此目标(&amp;W)</translation>
    </message>
    <message>
        <source>The first scan of this network; see the Devices tab.</source>
        <translation>这是对该网络的首次扫描；请查看“设备”标签页。</translation>
    </message>
    <message>
        <source>New devices are not reported: there is no device inventory (%1).</source>
        <translation>不会报告新设备：没有设备清单（%1）。</translation>
    </message>
    <message>
        <source>&lt;b&gt;lanwatch %1&lt;/b&gt;&lt;p&gt;Finds the hosts of your network with ARP, ICMP and TCP, keeps folder pairs in step, and waits in the tray.&lt;/p&gt;&lt;p&gt;Built with Qt %2, running on Qt %3.&lt;/p&gt;&lt;p&gt;Licence: %4. Qt is used under the GNU LGPL version 3.&lt;/p&gt;</source>
        <translation>&lt;b&gt;lanwatch %1&lt;/b&gt;&lt;p&gt;用 ARP、ICMP 和 TCP 查找网络中的主机，保持文件夹对同步，并在系统托盘中等候。&lt;/p&gt;&lt;p&gt;使用 Qt %2 构建，运行于 Qt %3。&lt;/p&gt;&lt;p&gt;许可证：%4。Qt 依据 GNU LGPL 第 3 版使用。&lt;/p&gt;</translation>
    </message>
    <message numerus="yes">
        <source>%n host(s) from the last session; scan to refresh them</source>
        <translation>
            <numerusform>上次会话的 %n 台主机；扫描以刷新</numerusform>
        </translation>
    </message>
    <message>
        <source>Shows the hosts whose address, name, vendor, state or method contains this text (%1)</source>
        <translation>显示地址、名称、厂商、状态或发现方式中包含此文本的主机（%1）</translation>
    </message>
    <message>
        <source>Copy as CSV</source>
        <translation>复制为 CSV</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n shown</source>
        <translation>
            <numerusform>显示 %1 / %n</numerusform>
        </translation>
    </message>
    <message>
        <source>No hosts yet. Enter a subnet, a range or an address above and press Scan (%1).</source>
        <translation>还没有主机。请在上方输入子网、范围或地址，然后按“扫描”（%1）。</translation>
    </message>
    <message numerus="yes">
        <source>No host matches “%1” (0 of %n shown).</source>
        <translation>
            <numerusform>没有主机匹配“%1”（显示 0 / %n）。</numerusform>
        </translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>停止(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Filter hosts</source>
        <translation>筛选主机(&amp;F)</translation>
    </message>
    <message>
        <source>lanwatch &amp;manual</source>
        <translation>lanwatch 使用手册(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Scan anyway</source>
        <translation>仍然扫描(&amp;S)</translation>
    </message>
    <message>
        <source>This target has %1 addresses, more than %2: a scan takes long and sends a lot of traffic. Press Scan anyway if you mean it.</source>
        <translation>此目标有 %1 个地址，超过 %2 个：扫描耗时较长并会产生大量流量。如果确实需要，请按“仍然扫描”。</translation>
    </message>
    <message>
        <source>No host is selected.</source>
        <translation>没有选择主机。</translation>
    </message>
    <message numerus="yes">
        <source>Scan of %1 stopped: %n host(s) up so far</source>
        <translation>
            <numerusform>%1 的扫描已停止：目前 %n 台主机在线</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Scan of %1 finished in %2 s: %n host(s) up</source>
        <translation>
            <numerusform>%1 的扫描在 %2 秒内完成：%n 台主机在线</numerusform>
        </translation>
    </message>
    <message>
        <source>No program is set up to open %1 addresses.</source>
        <translation>没有设置用于打开 %1 地址的程序。</translation>
    </message>
    <message>
        <source>Folder sync (%1)</source>
        <translation>文件夹同步（%1）</translation>
    </message>
    <message numerus="yes">
        <source>%n pair(s) need attention</source>
        <translation>
            <numerusform>%n 个文件夹对需要处理</numerusform>
        </translation>
    </message>
    <message>
        <source>Scanning %1</source>
        <translation>正在扫描 %1</translation>
    </message>
    <message numerus="yes">
        <source>%n host(s) from the last session</source>
        <translation>
            <numerusform>上次会话的 %n 台主机</numerusform>
        </translation>
    </message>
    <message>
        <source>No scan yet</source>
        <translation>尚未扫描</translation>
    </message>
    <message numerus="yes">
        <source>Folder sync: %n pair(s) need attention</source>
        <translation>
            <numerusform>文件夹同步：%n 个文件夹对需要处理</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n new event(s)</source>
        <translation>
            <numerusform>%n 个新事件</numerusform>
        </translation>
    </message>
    <message>
        <source>Open &amp;web page (http://%1)</source>
        <translation>打开网页(&amp;W)（http://%1）</translation>
    </message>
    <message>
        <source>Open secure web page (http&amp;s://%1)</source>
        <translation>打开安全网页(&amp;S)（https://%1）</translation>
    </message>
    <message>
        <source>Connect with SS&amp;H</source>
        <translation>用 SSH 连接(&amp;H)</translation>
    </message>
    <message>
        <source>Copy &amp;IP address</source>
        <translation>复制 IP 地址(&amp;I)</translation>
    </message>
    <message>
        <source>Copy &amp;MAC address</source>
        <translation>复制 MAC 地址(&amp;M)</translation>
    </message>
    <message>
        <source>Copy &amp;row</source>
        <translation>复制行(&amp;R)</translation>
    </message>
    <message>
        <source>Copy as &amp;CSV</source>
        <translation>复制为 CSV(&amp;C)</translation>
    </message>
    <message>
        <source>Re&amp;scan selected hosts</source>
        <translation>重新扫描所选主机(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Details…</source>
        <translation>详细信息(&amp;D)…</translation>
    </message>
    <message>
        <source>up (answered the last scan of this address)</source>
        <translation>在线（上次扫描此地址时有应答）</translation>
    </message>
    <message>
        <source>down (did not answer the last scan of this address); the values below are from when it last answered</source>
        <translation>离线（上次扫描此地址时没有应答）；以下数值来自它最后一次应答时</translation>
    </message>
    <message>
        <source>from the last session (not scanned since lanwatch started); the values below are from then</source>
        <translation>来自上次会话（lanwatch 启动后尚未扫描）；以下数值来自当时</translation>
    </message>
    <message>
        <source>S&amp;can</source>
        <translation>扫描(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Ping…</source>
        <translation>发送 Ping(&amp;P)…</translation>
    </message>
    <message>
        <source>&lt;tr&gt;&lt;td&gt;&lt;b&gt;Anomalies&lt;/b&gt;&lt;/td&gt;&lt;td&gt;%1&lt;/td&gt;&lt;/tr&gt;</source>
        <translation>&lt;tr&gt;&lt;td&gt;&lt;b&gt;异常&lt;/b&gt;&lt;/td&gt;&lt;td&gt;%1&lt;/td&gt;&lt;/tr&gt;</translation>
    </message>
    <message>
        <source>&lt;table cellspacing=&quot;2&quot; cellpadding=&quot;2&quot;&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;IP address&lt;/b&gt;&lt;/td&gt;&lt;td&gt;%1&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;State&lt;/b&gt;&lt;/td&gt;&lt;td&gt;%2&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;MAC address&lt;/b&gt;&lt;/td&gt;&lt;td&gt;%3&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Vendor&lt;/b&gt;&lt;/td&gt;&lt;td&gt;%4&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Host name&lt;/b&gt;&lt;/td&gt;&lt;td&gt;%5&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Round trip&lt;/b&gt;&lt;/td&gt;&lt;td&gt;%6&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Found by&lt;/b&gt;&lt;/td&gt;&lt;td&gt;%7&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;First seen&lt;/b&gt;&lt;/td&gt;&lt;td&gt;%8&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Last seen&lt;/b&gt;&lt;/td&gt;&lt;td&gt;%9&lt;/td&gt;&lt;/tr&gt;%10&lt;/table&gt;</source>
        <translation>&lt;table cellspacing=&quot;2&quot; cellpadding=&quot;2&quot;&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;IP 地址&lt;/b&gt;&lt;/td&gt;&lt;td&gt;%1&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;状态&lt;/b&gt;&lt;/td&gt;&lt;td&gt;%2&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;MAC 地址&lt;/b&gt;&lt;/td&gt;&lt;td&gt;%3&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;厂商&lt;/b&gt;&lt;/td&gt;&lt;td&gt;%4&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;主机名&lt;/b&gt;&lt;/td&gt;&lt;td&gt;%5&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;往返时间&lt;/b&gt;&lt;/td&gt;&lt;td&gt;%6&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;发现方式&lt;/b&gt;&lt;/td&gt;&lt;td&gt;%7&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;首次发现&lt;/b&gt;&lt;/td&gt;&lt;td&gt;%8&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;最后发现&lt;/b&gt;&lt;/td&gt;&lt;td&gt;%9&lt;/td&gt;&lt;/tr&gt;%10&lt;/table&gt;</translation>
    </message>
    <message>
        <source>Wa&amp;ke (Wake-on-LAN)</source>
        <translation>唤醒（网络唤醒）(&amp;K)</translation>
    </message>
    <message>
        <source>Wake-on-LAN packet for %1 sent to %2</source>
        <translation>已将 %1 的网络唤醒数据包发送到 %2</translation>
    </message>
    <message>
        <source>&lt;b&gt;Services&lt;/b&gt; %1&lt;br&gt;&lt;b&gt;Model&lt;/b&gt; %2</source>
        <translation>&lt;b&gt;服务&lt;/b&gt; %1&lt;br&gt;&lt;b&gt;型号&lt;/b&gt; %2</translation>
    </message>
</context>
<context>
    <name>lanwatch::ui::ManualDialog</name>
    <message>
        <source>lanwatch manual</source>
        <translation>lanwatch 使用手册</translation>
    </message>
</context>
<context>
    <name>lanwatch::ui::PingDialog</name>
    <message>
        <source>Ping %1</source>
        <translation>向 %1 发送 Ping</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>暂停(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>继续(&amp;R)</translation>
    </message>
    <message>
        <source>%1  answer from %2: %3 ms</source>
        <translation>%1  来自 %2 的应答：%3 毫秒</translation>
    </message>
    <message>
        <source>%1  %2 is this computer</source>
        <translation>%1  %2 是本机</translation>
    </message>
    <message>
        <source>%1  no answer</source>
        <translation>%1  无应答</translation>
    </message>
    <message>
        <source>%1 sent, %2 answered</source>
        <translation>已发送 %1 次，应答 %2 次</translation>
    </message>
    <message>
        <source>round trip min %1, avg %2, max %3 ms</source>
        <translation>往返时间 最小 %1、平均 %2、最大 %3 毫秒</translation>
    </message>
</context>
<context>
    <name>lanwatch::ui::RttChart</name>
    <message>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <source>No round-trip times recorded in this period</source>
        <translation>此期间没有记录往返时间</translation>
    </message>
</context>
<context>
    <name>lanwatch::ui::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Scanning</source>
        <translation>扫描</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> 毫秒</translation>
    </message>
    <message>
        <source>Longest wait for a reply before a retry; on a LAN lanwatch adapts it to the measured round trip.</source>
        <translation>重试前等待回复的最长时间；在局域网中 lanwatch 会根据测得的往返时间自动调整。</translation>
    </message>
    <message>
        <source>Reply timeout:</source>
        <translation>回复超时：</translation>
    </message>
    <message>
        <source>Retries:</source>
        <translation>重试次数：</translation>
    </message>
    <message>
        <source> packets/s</source>
        <translation> 包/秒</translation>
    </message>
    <message>
        <source>Send rate:</source>
        <translation>发送速率：</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>ARP only (needs CAP_NET_RAW)</source>
        <translation>仅 ARP（需要 CAP_NET_RAW）</translation>
    </message>
    <message>
        <source>ICMP echo only</source>
        <translation>仅 ICMP 回显</translation>
    </message>
    <message>
        <source>TCP connect only</source>
        <translation>仅 TCP 连接</translation>
    </message>
    <message>
        <source>Method:</source>
        <translation>探测方式：</translation>
    </message>
    <message>
        <source>Look up host names (reverse DNS)</source>
        <translation>查询主机名（反向 DNS）</translation>
    </message>
    <message>
        <source>Window and tray</source>
        <translation>窗口与托盘</translation>
    </message>
    <message>
        <source>Closing the window keeps lanwatch running in the tray</source>
        <translation>关闭窗口后 lanwatch 继续在托盘中运行</translation>
    </message>
    <message>
        <source>Minimizing the window hides it in the tray</source>
        <translation>最小化窗口时将其隐藏到托盘</translation>
    </message>
    <message>
        <source>Automatic (%1 packets/s)</source>
        <translation>自动（每秒 %1 个包）</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>通知</translation>
    </message>
    <message>
        <source>A device never seen before appears</source>
        <translation>出现从未见过的设备</translation>
    </message>
    <message>
        <source>A device marked &quot;watch&quot; goes offline or comes back</source>
        <translation>标记为“监视”的设备离线或重新上线</translation>
    </message>
    <message>
        <source>An address is claimed by another device (possible spoofing) or used by two devices at once</source>
        <translation>某个地址被另一台设备占用（可能是欺骗）或同时被两台设备使用</translation>
    </message>
    <message>
        <source>A folder sync run fails, is held back or is incomplete</source>
        <translation>文件夹同步失败、被暂缓或未完成</translation>
    </message>
</context>
<context>
    <name>lanwatch::ui::SyncPairModel</name>
    <message>
        <source>mirror</source>
        <translation>镜像</translation>
    </message>
    <message>
        <source>update</source>
        <translation>更新</translation>
    </message>
    <message numerus="yes">
        <source>pending (in %n s)</source>
        <translation>
            <numerusform>等待中（%n 秒后）</numerusform>
        </translation>
    </message>
    <message>
        <source>syncing %1/%2</source>
        <translation>正在同步 %1/%2</translation>
    </message>
    <message>
        <source>syncing</source>
        <translation>正在同步</translation>
    </message>
    <message>
        <source>error: %1</source>
        <translation>错误：%1</translation>
    </message>
    <message>
        <source>held back: %1</source>
        <translation>已暂缓：%1</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>源</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>模式</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Last run</source>
        <translation>上次运行</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>已复制</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>已删除</translation>
    </message>
    <message>
        <source>Next check</source>
        <translation>下次检查</translation>
    </message>
    <message>
        <source>problems: %1</source>
        <translation>有问题：%1</translation>
    </message>
    <message>
        <source>New files and links copied by the last run</source>
        <translation>上次运行复制的新文件和链接</translation>
    </message>
    <message>
        <source>Files the last run replaced with a newer version (the old one is kept in the versions folder)</source>
        <translation>上次运行替换为较新版本的文件（旧版本保存在版本文件夹中）</translation>
    </message>
    <message>
        <source>Files the last run moved to the versions folder</source>
        <translation>上次运行移入版本文件夹的文件</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>已更新</translation>
    </message>
</context>
<context>
    <name>lanwatch::ui::SyncPairsDialog</name>
    <message>
        <source>Folder sync pairs</source>
        <translation>文件夹同步对</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>添加(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>移除(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Source folder:</source>
        <translation>源文件夹(&amp;S)：</translation>
    </message>
    <message>
        <source>Folder to copy from</source>
        <translation>要从中复制的文件夹</translation>
    </message>
    <message>
        <source>&amp;Destination folder:</source>
        <translation>目标文件夹(&amp;D)：</translation>
    </message>
    <message>
        <source>Folder to copy to</source>
        <translation>要复制到的文件夹</translation>
    </message>
    <message>
        <source>Mirror: the destination becomes an exact copy</source>
        <translation>镜像：目标成为源的精确副本</translation>
    </message>
    <message>
        <source>Update: copy new and changed files, never delete</source>
        <translation>更新：复制新增和修改的文件，从不删除</translation>
    </message>
    <message>
        <source>&amp;Mode:</source>
        <translation>模式(&amp;M)：</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>Check every</source>
        <translation>每隔</translation>
    </message>
    <message>
        <source>, act after</source>
        <translation>检查一次；静默</translation>
    </message>
    <message>
        <source>of quiet</source>
        <translation>后执行</translation>
    </message>
    <message>
        <source>Timing:</source>
        <translation>时间：</translation>
    </message>
    <message>
        <source>One pattern per line, e.g.
*.tmp
.cache/</source>
        <translation>每行一个模式，例如
*.tmp
.cache/</translation>
    </message>
    <message>
        <source>E&amp;xclude:</source>
        <translation>排除(&amp;X)：</translation>
    </message>
    <message>
        <source> %</source>
        <translation> %</translation>
    </message>
    <message>
        <source>A run that would delete more than this share of the destination&apos;s files asks first.</source>
        <translation>若一次运行要删除的目标文件超过此比例，会先询问。</translation>
    </message>
    <message>
        <source>Ask before deleting more than:</source>
        <translation>删除超过此比例前询问：</translation>
    </message>
    <message>
        <source>&amp;Enabled</source>
        <translation>启用(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Preview</source>
        <translation>预览(&amp;P)</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>路径</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>(new pair)</source>
        <translation>（新文件夹对）</translation>
    </message>
    <message>
        <source>Comparing the folders…</source>
        <translation>正在比较文件夹…</translation>
    </message>
    <message>
        <source>The folders are in step: nothing to do.</source>
        <translation>文件夹已同步：无需操作。</translation>
    </message>
    <message>
        <source>%1 to copy, %2 to update, %3 to delete (%4).</source>
        <translation>待复制 %1 个，待更新 %2 个，待删除 %3 个（%4）。</translation>
    </message>
    <message>
        <source>This would delete more than %1% of the destination&apos;s files: the run will ask first.</source>
        <translation>这将删除目标中超过 %1% 的文件：运行前会先询问。</translation>
    </message>
    <message>
        <source>A source that never stays quiet (a log written every second) is still synced at least this often.</source>
        <translation>一直在变化的源（例如每秒写入的日志）至少按此间隔同步一次。</translation>
    </message>
    <message>
        <source>Longest wait:</source>
        <translation>最长等待时间：</translation>
    </message>
    <message>
        <source>Do not cross into other file systems</source>
        <translation>不跨越到其他文件系统</translation>
    </message>
    <message>
        <source>Disks mounted inside the source are not synced (as rsync -x); their copy in the destination is kept.</source>
        <translation>挂载在源内的磁盘不会同步（与 rsync -x 相同）；目标中它们的副本会保留。</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>permissions and modification time</source>
        <translation>权限和修改时间</translation>
    </message>
</context>
<context>
    <name>lanwatch::ui::SyncPane</name>
    <message>
        <source>&amp;Edit pairs…</source>
        <translation>编辑文件夹对(&amp;E)…</translation>
    </message>
    <message>
        <source>Sync &amp;now</source>
        <translation>立即同步(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>暂停(&amp;P)</translation>
    </message>
    <message>
        <source>Recent runs:</source>
        <translation>最近的运行：</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>继续(&amp;R)</translation>
    </message>
    <message>
        <source>Folder sync held back</source>
        <translation>文件夹同步已暂缓</translation>
    </message>
    <message>
        <source>Sync anyway</source>
        <translation>仍然同步</translation>
    </message>
    <message>
        <source>No folder pairs yet. Use Edit pairs… to keep two folders in step.</source>
        <translation>还没有文件夹对。使用“编辑文件夹对…”让两个文件夹保持同步。</translation>
    </message>
    <message numerus="yes">
        <source>Sync anyway would copy %1, update %2 and delete %n entries, as planned now.</source>
        <translation>
            <numerusform>“仍然同步”将按当前计划复制 %1 项、更新 %2 项并删除 %n 项。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>lanwatch::ui::TrayController</name>
    <message>
        <source>Hide window</source>
        <translation>隐藏窗口</translation>
    </message>
    <message>
        <source>Scan now</source>
        <translation>立即扫描</translation>
    </message>
    <message>
        <source>Quit lanwatch</source>
        <translation>退出 lanwatch</translation>
    </message>
    <message>
        <source>lanwatch</source>
        <translation>lanwatch</translation>
    </message>
    <message>
        <source>Show window</source>
        <translation>显示窗口</translation>
    </message>
    <message>
        <source>Folder sync failed</source>
        <translation>文件夹同步失败</translation>
    </message>
    <message>
        <source>Folder sync incomplete</source>
        <translation>文件夹同步未完成</translation>
    </message>
    <message>
        <source>Folder sync held back</source>
        <translation>文件夹同步已暂缓</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Network monitor: find every host on a subnet, keep folder pairs in step.</source>
        <translation>网络监视器：发现子网中的每台主机，并保持文件夹对同步。</translation>
    </message>
    <message>
        <source>Start a scan of TARGET at once.</source>
        <translation>启动后立即扫描 TARGET。</translation>
    </message>
    <message>
        <source>Start in the tray (if there is one).</source>
        <translation>启动时最小化到托盘（如果有托盘）。</translation>
    </message>
    <message>
        <source>Write the hosts table as JSON to FILE after each finished scan.</source>
        <translation>每次扫描完成后把主机表以 JSON 格式写入 FILE。</translation>
    </message>
    <message>
        <source>Quit when the first scan has finished.</source>
        <translation>第一次扫描完成后退出。</translation>
    </message>
    <message>
        <source>Use FILE for the settings instead of ~/.config/lanwatch/lanwatch.conf.</source>
        <translation>使用 FILE 保存设置，而不是 ~/.config/lanwatch/lanwatch.conf。</translation>
    </message>
</context>
</TS>
