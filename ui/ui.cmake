# motor_ui: Qt Widgets, QtMultimedia, QtCharts. Reaches data, media and the engine only
# through motor_core; core never includes ui/.
find_package(Qt6 6.4 REQUIRED COMPONENTS Widgets Multimedia MultimediaWidgets Charts LinguistTools Concurrent)

file(GLOB_RECURSE MOTOR_UI_SOURCES CONFIGURE_DEPENDS
  ${CMAKE_CURRENT_SOURCE_DIR}/*.cpp ${CMAKE_CURRENT_SOURCE_DIR}/*.h)
add_library(motor_ui STATIC ${MOTOR_UI_SOURCES})
target_include_directories(motor_ui PUBLIC ${CMAKE_SOURCE_DIR})
target_link_libraries(motor_ui PUBLIC motor_core Qt6::Widgets Qt6::Multimedia
  Qt6::MultimediaWidgets Qt6::Charts Qt6::Concurrent)
target_compile_options(motor_ui PRIVATE ${MOTOR_WARNINGS})

# The .qm files are embedded under :/i18n so the app finds them wherever it is installed.
set(MOTOR_TS_FILES
  ${CMAKE_SOURCE_DIR}/translations/motor_en.ts
  ${CMAKE_SOURCE_DIR}/translations/motor_fi.ts)
if(EXISTS ${CMAKE_SOURCE_DIR}/translations/motor_fi.ts)
  qt_add_translations(motor_ui TS_FILES ${MOTOR_TS_FILES}
    RESOURCE_PREFIX /i18n
    LUPDATE_OPTIONS -no-obsolete -locations none)
endif()

# core/demo's implementation lands separately; until it does, "Open demo" says so
# instead of failing to link.
file(GLOB MOTOR_DEMO_SOURCES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/core/demo/*.cpp)
if(MOTOR_DEMO_SOURCES)
  target_compile_definitions(motor_ui PRIVATE MOTOR_HAVE_DEMO=1)
endif()
target_compile_definitions(motor_ui PUBLIC MOTOR_STUDIO_VERSION="${PROJECT_VERSION}")
# The user guide pages the interface links to, shown in-app (ui/main/Docs.h).
qt_add_resources(motor_ui "motor_docs" PREFIX /docs BASE ${CMAKE_SOURCE_DIR}/docs
  FILES ${CMAKE_SOURCE_DIR}/docs/MODELS.md)
