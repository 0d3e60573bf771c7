<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>FileTree</name>
    <message>
        <source>Cannot read folder %1/%2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder %1 does not exist (is its disk mounted?).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the folder %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HostTableModel</name>
    <message>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Did not answer the last scan (last seen %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IP address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MAC address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vendor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RTT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Found by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First seen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>lanwatch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 / %2 probed, %3 found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lanwatch: no scan yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Target:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A subnet (192.168.1.0/24), a range (192.168.1.10-50), an address, or a comma-separated list of these</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter hosts…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hosts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder sync failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder sync held back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export as &amp;CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export as &amp;JSON…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About lanwatch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About lanwatch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;lanwatch %1&lt;/b&gt;&lt;p&gt;Finds the hosts of your network with ARP, ICMP and TCP, keeps folder pairs in step, and waits in the tray.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Methods: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No CAP_NET_RAW: no ARP sweep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A scan is already running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lanwatch: scanning %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan of %1 stopped: %2 hosts up so far</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan of %1 finished in %2 s: %3 hosts up</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n new device(s) on the network</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Scan finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export hosts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Exported %n host(s) to %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Copy IP address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy MAC address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rescan this host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;table&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;IP address&lt;/b&gt;&lt;/td&gt;&lt;td&gt;%1&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;MAC address&lt;/b&gt;&lt;/td&gt;&lt;td&gt;%2&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Vendor&lt;/b&gt;&lt;/td&gt;&lt;td&gt;%3&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Host name&lt;/b&gt;&lt;/td&gt;&lt;td&gt;%4&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Round trip&lt;/b&gt;&lt;/td&gt;&lt;td&gt;%5&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Found by&lt;/b&gt;&lt;/td&gt;&lt;td&gt;%6&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;State&lt;/b&gt;&lt;/td&gt;&lt;td&gt;%7&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>down (did not answer the last scan)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lanwatch is still running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It keeps watching from the tray. Use Quit in the tray menu to exit, or change this in Settings.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NetInfo</name>
    <message>
        <source>Cannot read the neighbour table: %1</source>
        <translation type="unfinished"></translation>
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
    <name>QObject</name>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ScanEngine</name>
    <message>
        <source>ARP requests on directly attached subnets (raw packet socket)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ICMP echo (unprivileged ping socket)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ICMP echo (raw socket)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TCP connect to ports %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kernel neighbour table for MAC addresses and hosts that ignore ping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Without CAP_NET_RAW there is no ARP sweep: hosts are found by ICMP, TCP and the kernel&apos;s neighbour table, which is slower on large subnets. Grant it with: sudo setcap cap_net_raw+ep &lt;path to lanwatch&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A scan is already running; stop it first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no address to scan.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ARP scanning needs CAP_NET_RAW (run as root, or: sudo setcap cap_net_raw+ep on the binary); using ICMP, TCP and the kernel&apos;s neighbour table instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ICMP echo is not allowed for this user (net.ipv4.ping_group_range excludes it and there is no CAP_NET_RAW); using TCP probes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ICMP echo is not allowed for this user: add its group to net.ipv4.ping_group_range (sysctl), grant CAP_NET_RAW, or choose another method.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TCP probing needs at least one port.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Some targets are not on a directly attached Ethernet subnet, where ARP cannot reach; they are probed with ICMP and TCP.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scanning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Longest wait for a reply before a retry; on a LAN lanwatch adapts it to the measured round trip.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reply timeout:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retries:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> packets/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic (10,000 packets/s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send rate:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ARP only (needs CAP_NET_RAW)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ICMP echo only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TCP connect only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Method:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Look up host names (reverse DNS)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Window and tray</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closing the window keeps lanwatch running in the tray</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Minimizing the window hides it in the tray</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notify when a device never seen before appears</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Sweep</name>
    <message>
        <source>Cannot start the sweep: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ARP on %1 is not available (%2); probing its hosts with ICMP/TCP instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ICMP echo is not available (%1); using the other methods.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TCP probes are failing: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncPair</name>
    <message>
        <source>Choose the folder to copy from.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the folder to copy to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use an absolute path for the source (starting with /).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use an absolute path for the destination (starting with /).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The source folder %1 does not exist. If it is on a removable or network disk, mount it first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The source %1 is a file, not a folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The source folder %1 cannot be read by this user: check its permissions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The destination is the source folder itself: choose another folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The destination is inside the source: each run would copy its own copies. Choose a folder outside %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The destination contains the source: a mirror would delete the source&apos;s neighbours. Choose a folder that does not contain %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The destination %1 is a file, not a folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The destination&apos;s parent folder %1 does not exist. If it is on a removable or network disk, mount it first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This user cannot write to %1: check its permissions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another pair (%1) already writes to this folder or around it: two pairs would undo each other&apos;s work.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The poll interval must be from 1 second to 1 day.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The delay must be from 0 seconds to 1 hour.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The deletion threshold must be from 1% to 100%.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The modification-time tolerance must be from 0 to 3600 seconds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The number of days to keep versions cannot be negative.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The pattern &apos;%1&apos; would exclude everything.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The pattern &apos;%1&apos; has an unclosed [ ].</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncPairModel</name>
    <message>
        <source>mirror</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>update</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>pending (in %n s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>syncing %1/%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>syncing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>held back: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Destination</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next check</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncPairsDialog</name>
    <message>
        <source>Folder sync pairs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Source folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder to copy from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Destination folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder to copy to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mirror: the destination becomes an exact copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Update: copy new and changed files, never delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Mode:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check every</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>act after a quiet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timing:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One pattern per line, e.g.
*.tmp
.cache/</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;xclude:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A run that would delete more than this share of the destination&apos;s files asks first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask before deleting more than:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Enabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(new pair)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comparing the folders…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folders are in step: nothing to do.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 to copy, %2 to update, %3 to delete (%4).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This would delete more than %1% of the destination&apos;s files: the run will ask first.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncPane</name>
    <message>
        <source>&amp;Edit pairs…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync &amp;now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recent runs:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder sync held back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync anyway</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncPlan</name>
    <message>
        <source>Source: %1 Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Destination: %1 Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the destination has a %2 where the source has a %3; left as it is (update mode never deletes).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>type changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>new</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>folder times</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>size changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>newer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>older</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>permissions changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>link changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not in source</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncRunner</name>
    <message>
        <source>Cannot create the versions folder %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write into the folder of %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copying %1 failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 changed while it was being copied; it will be copied on the next run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot keep the old version of %1: %2; left it unchanged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot put %1 in place: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the link %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the link %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot keep the old version of %1; left it unchanged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot put the link %1 in place: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot remove the old versions in %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The source %1 is empty but the destination has %2 files: is the source&apos;s disk mounted? Nothing was deleted; sync with force only if the source really is empty now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This run would delete %1 of the %2 files in %3 (the limit is %4%). Nothing was changed; check the source, then sync with force to go ahead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the source %1: %2. Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the destination %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the destination %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot move %1 out of the way: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the folder %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot remove %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncScheduler</name>
    <message>
        <source>idle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>syncing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>held back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resumed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Held back: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run finished in %1 ms: %2 copied, %3 updated, %4 deleted%5.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, %1 problems</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The system&apos;s inotify watch limit is reached; changes in %1 are noticed by polling only.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TargetSet</name>
    <message>
        <source>&apos;%1&apos; is not an IPv4 address: expected four numbers separated by dots, like 192.168.1.10.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an IPv4 address: &apos;%2&apos; is not a number from 0 to 255.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an IPv4 address: %2 is larger than 255.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos;: the prefix length must be a number from 0 to 32, not &apos;%2&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos;: the range end must be an address or a last octet from 0 to 255, not &apos;%2&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; is a reversed range: it ends before it starts. Write the lower address first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No target given: enter a subnet (10.0.1.0/24), a range (10.0.1.10-50) or an address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The target list has an empty entry: remove the extra comma.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; contains no address to probe.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; has %2 addresses, more than the limit of %3. Narrow the target, or allow large scans (--allow-large) if you really mean it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrayController</name>
    <message>
        <source>Hide window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit lanwatch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lanwatch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show window</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Network monitor: find every host on a subnet, keep folder pairs in step.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start a scan of TARGET at once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start in the tray (if there is one).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the hosts table as JSON to FILE after each finished scan.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit when the first scan has finished.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use FILE for the settings instead of ~/.config/lanwatch/lanwatch.conf.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
