#!/usr/bin/env bash
# Refreshes translations/lanwatch_zh_CN.ts from the sources (core, ui, app). Translate the entries
# it marks unfinished in the .ts itself (Qt Linguist or an editor; it is the only copy of the
# translations, with each message's context and plural forms), then rebuild: the .qm is compiled and
# embedded by CMake. tests/ui/tst_translations fails while an entry is unfinished.
# lanwatch_en.ts holds only the English plural forms ("1 host up", "2 hosts up") of the %n messages
# (lupdate -pluralonly); English itself is the source language.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
lupdate=$(command -v lupdate || echo /usr/lib/qt6/bin/lupdate)
"$lupdate" -no-obsolete -locations none -I "$here" "$here/core" "$here/ui" "$here/app" -ts "$here/translations/lanwatch_zh_CN.ts"
"$lupdate" -no-obsolete -locations none -pluralonly -I "$here" "$here/core" "$here/ui" "$here/app" -ts "$here/translations/lanwatch_en.ts"
