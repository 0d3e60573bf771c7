<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>DeviceStore</name>
    <message numerus="yes">
        <source>truncated to %n bytes, shorter than an SQLite header</source>
        <translation>
            <numerusform>truncated to %n byte, shorter than an SQLite header</numerusform>
            <numerusform>truncated to %n bytes, shorter than an SQLite header</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>InventoryCommand</name>
    <message numerus="yes">
        <source>%n device(s)
</source>
        <translation>
            <numerusform>%n device
</numerusform>
            <numerusform>%n devices
</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncPlan</name>
    <message numerus="yes">
        <source>modification times to %n seconds only</source>
        <translation>
            <numerusform>modification times to %n second only</numerusform>
            <numerusform>modification times to %n seconds only</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncRunner</name>
    <message numerus="yes">
        <source>The source %1 is empty but the destination has %n files: is the source&apos;s disk mounted? Nothing was deleted; sync with force only if the source really is empty now.</source>
        <translation>
            <numerusform>The source %1 is empty but the destination has %n file: is the source&apos;s disk mounted? Nothing was deleted; sync with force only if the source really is empty now.</numerusform>
            <numerusform>The source %1 is empty but the destination has %n files: is the source&apos;s disk mounted? Nothing was deleted; sync with force only if the source really is empty now.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deletions skipped: nothing was deleted (%n not in the source kept), because parts of the source could not be read, and what could not be read may be exactly what would be deleted.</source>
        <translation>
            <numerusform>Deletions skipped: nothing was deleted (%n not in the source kept), because parts of the source could not be read, and what could not be read may be exactly what would be deleted.</numerusform>
            <numerusform>Deletions skipped: nothing was deleted (%n not in the source kept), because parts of the source could not be read, and what could not be read may be exactly what would be deleted.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>lanwatch::sync::SyncScheduler</name>
    <message numerus="yes">
        <source>, %n problem(s)</source>
        <translation>
            <numerusform>, %n problem</numerusform>
            <numerusform>, %n problems</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Run failed again (%n times in a row).</source>
        <translation>
            <numerusform>Run failed again (%n time in a row).</numerusform>
            <numerusform>Run failed again (%n times in a row).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>lanwatch::ui::DevicesTab</name>
    <message numerus="yes">
        <source>Forget %n device(s)? Their names, notes, address history, presence and events are removed. A forgotten device that is seen again comes back as a new device.</source>
        <translation>
            <numerusform>Forget %n device? Their names, notes, address history, presence and events are removed. A forgotten device that is seen again comes back as a new device.</numerusform>
            <numerusform>Forget %n devices? Their names, notes, address history, presence and events are removed. A forgotten device that is seen again comes back as a new device.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n device(s)</source>
        <translation>
            <numerusform>%n device</numerusform>
            <numerusform>%n devices</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n online</source>
        <translation>
            <numerusform>%n online</numerusform>
            <numerusform>%n online</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n shown</source>
        <translation>
            <numerusform>%n shown</numerusform>
            <numerusform>%n shown</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>lanwatch::ui::MainWindow</name>
    <message numerus="yes">
        <source>%n host(s) from the last session; scan to refresh them</source>
        <translation>
            <numerusform>%n host from the last session; scan to refresh them</numerusform>
            <numerusform>%n hosts from the last session; scan to refresh them</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n shown</source>
        <translation>
            <numerusform>%1 of %n shown</numerusform>
            <numerusform>%1 of %n shown</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No host matches “%1” (0 of %n shown).</source>
        <translation>
            <numerusform>No host matches “%1” (0 of %n shown).</numerusform>
            <numerusform>No host matches “%1” (0 of %n shown).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n network event(s)</source>
        <translation>
            <numerusform>%n network event</numerusform>
            <numerusform>%n network events</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n device(s) found</source>
        <translation>
            <numerusform>%n device found</numerusform>
            <numerusform>%n devices found</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Scan of %1 stopped: %n host(s) up so far</source>
        <translation>
            <numerusform>Scan of %1 stopped: %n host up so far</numerusform>
            <numerusform>Scan of %1 stopped: %n hosts up so far</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Scan of %1 finished in %2 s: %n host(s) up</source>
        <translation>
            <numerusform>Scan of %1 finished in %2 s: %n host up</numerusform>
            <numerusform>Scan of %1 finished in %2 s: %n hosts up</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n host(s) to %1</source>
        <translation>
            <numerusform>Exported %n host to %1</numerusform>
            <numerusform>Exported %n hosts to %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n pair(s) need attention</source>
        <translation>
            <numerusform>%n pair needs attention</numerusform>
            <numerusform>%n pairs need attention</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n host(s) from the last session</source>
        <translation>
            <numerusform>%n host from the last session</numerusform>
            <numerusform>%n hosts from the last session</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Folder sync: %n pair(s) need attention</source>
        <translation>
            <numerusform>Folder sync: %n pair needs attention</numerusform>
            <numerusform>Folder sync: %n pairs need attention</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n new event(s)</source>
        <translation>
            <numerusform>%n new event</numerusform>
            <numerusform>%n new events</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>lanwatch::ui::SyncPairModel</name>
    <message numerus="yes">
        <source>pending (in %n s)</source>
        <translation>
            <numerusform>pending (in %n s)</numerusform>
            <numerusform>pending (in %n s)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>lanwatch::ui::SyncPane</name>
    <message numerus="yes">
        <source>Sync anyway would copy %1, update %2 and delete %n entries, as planned now.</source>
        <translation>
            <numerusform>Sync anyway would copy %1, update %2 and delete %n entry, as planned now.</numerusform>
            <numerusform>Sync anyway would copy %1, update %2 and delete %n entries, as planned now.</numerusform>
        </translation>
    </message>
</context>
</TS>
