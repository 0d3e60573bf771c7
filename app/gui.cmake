# The GUI binary `lanwatch`: icons and the .desktop file as resources, translations compiled into it.
qt_add_executable(lanwatch ${CMAKE_CURRENT_LIST_DIR}/gui_main.cpp)
set_target_properties(lanwatch PROPERTIES WIN32_EXECUTABLE OFF MACOSX_BUNDLE OFF)
target_link_libraries(lanwatch PRIVATE lanwatch_ui lanwatch_core Qt6::Widgets lanwatch_warnings)

qt_add_resources(lanwatch "icons"
    PREFIX "/"
    BASE ${PROJECT_SOURCE_DIR}/resources
    FILES
        ${PROJECT_SOURCE_DIR}/resources/icons/lanwatch.svg
        ${PROJECT_SOURCE_DIR}/resources/icons/tray-idle.svg
        ${PROJECT_SOURCE_DIR}/resources/icons/tray-scanning.svg
        ${PROJECT_SOURCE_DIR}/resources/icons/tray-attention.svg
        ${PROJECT_SOURCE_DIR}/resources/lanwatch.desktop
)

# English is the source language; zh_CN is compiled to .qm and embedded under :/i18n. lupdate gets the
# real source list (core, ui, app; the same folders as translations/update.sh): without SOURCES it
# would scan only this target's own gui_main.cpp, and with -no-obsolete an update_translations run
# would wipe every other message from the .ts.
file(GLOB_RECURSE lanwatch_tr_sources CONFIGURE_DEPENDS
    ${PROJECT_SOURCE_DIR}/core/*.cpp ${PROJECT_SOURCE_DIR}/core/*.h
    ${PROJECT_SOURCE_DIR}/ui/*.cpp ${PROJECT_SOURCE_DIR}/ui/*.h
    ${PROJECT_SOURCE_DIR}/app/*.cpp ${PROJECT_SOURCE_DIR}/app/*.h)
qt_add_translations(lanwatch
    TS_FILES ${PROJECT_SOURCE_DIR}/translations/lanwatch_zh_CN.ts ${PROJECT_SOURCE_DIR}/translations/lanwatch_en.ts
    SOURCES ${lanwatch_tr_sources}
    INCLUDE_DIRECTORIES ${PROJECT_SOURCE_DIR}
    RESOURCE_PREFIX "/i18n"
    LUPDATE_OPTIONS -no-obsolete -locations none
)

install(TARGETS lanwatch RUNTIME DESTINATION bin)
install(FILES ${PROJECT_SOURCE_DIR}/resources/lanwatch.desktop DESTINATION share/applications)
install(FILES ${PROJECT_SOURCE_DIR}/resources/icons/lanwatch.svg DESTINATION share/icons/hicolor/scalable/apps)
