# macOS: dy-gateway.app (Info.plist, icon, localised camera prompt), Qt deployed into the
# bundle by macdeployqt when installing (so also inside cpack), and the DragNDrop DMG.
#
#   cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH=$HOME/Qt/6.4.3/macos
#   cmake --build build
#   cd build && cpack -G DragNDrop                -> dy-gateway-<version>-Darwin.dmg

if(CMAKE_OSX_DEPLOYMENT_TARGET)
    set(DYGW_MACOS_MINIMUM ${CMAKE_OSX_DEPLOYMENT_TARGET})
else()
    set(DYGW_MACOS_MINIMUM 11.0)
endif()
configure_file(${CMAKE_CURRENT_LIST_DIR}/Info.plist.in
               ${CMAKE_BINARY_DIR}/packaging/Info.plist @ONLY)

set(DYGW_MACOS_ICON ${CMAKE_CURRENT_LIST_DIR}/dy-gateway.icns)
set(DYGW_MACOS_STRINGS_EN ${CMAKE_CURRENT_LIST_DIR}/en.lproj/InfoPlist.strings)
set(DYGW_MACOS_STRINGS_ZH ${CMAKE_CURRENT_LIST_DIR}/zh-Hans.lproj/InfoPlist.strings)
target_sources(dy-gateway PRIVATE
    ${DYGW_MACOS_ICON} ${DYGW_MACOS_STRINGS_EN} ${DYGW_MACOS_STRINGS_ZH})
# Source properties belong to the directory of the target (app/).
set_source_files_properties(${DYGW_MACOS_ICON} TARGET_DIRECTORY dy-gateway
                            PROPERTIES MACOSX_PACKAGE_LOCATION Resources)
set_source_files_properties(${DYGW_MACOS_STRINGS_EN} TARGET_DIRECTORY dy-gateway
                            PROPERTIES MACOSX_PACKAGE_LOCATION Resources/en.lproj)
set_source_files_properties(${DYGW_MACOS_STRINGS_ZH} TARGET_DIRECTORY dy-gateway
                            PROPERTIES MACOSX_PACKAGE_LOCATION Resources/zh-Hans.lproj)
set_target_properties(dy-gateway PROPERTIES
    MACOSX_BUNDLE ON
    MACOSX_BUNDLE_INFO_PLIST ${CMAKE_BINARY_DIR}/packaging/Info.plist)

install(TARGETS dy-gateway BUNDLE DESTINATION .)

# Qt frameworks and plugins, and the other non-system libraries (OpenSSL, ZXing), copied
# into the bundle by macdeployqt.
qt_generate_deploy_app_script(TARGET dy-gateway FILENAME_VARIABLE DYGW_DEPLOY_SCRIPT
                              NO_UNSUPPORTED_PLATFORM_ERROR)
install(SCRIPT ${DYGW_DEPLOY_SCRIPT})

set(CPACK_GENERATOR "DragNDrop")
set(CPACK_DMG_VOLUME_NAME "dy-gateway ${PROJECT_VERSION}")
set(CPACK_DMG_FORMAT "UDZO")
set(CPACK_PACKAGE_ICON ${DYGW_MACOS_ICON})
# The DMG shows dy-gateway.app next to a link to /Applications (the default): drag to install.
