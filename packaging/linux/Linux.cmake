# Linux: the FHS layout under the install prefix (/usr in the .deb) and the DEB/TGZ settings.
install(TARGETS dy-gateway RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

# Desktop entry and AppStream metadata, both named after the application id.
configure_file(${CMAKE_CURRENT_LIST_DIR}/dy-gateway.desktop.in
               ${CMAKE_BINARY_DIR}/packaging/${DYGW_APP_ID}.desktop COPYONLY)
configure_file(${CMAKE_CURRENT_LIST_DIR}/metainfo.xml.in
               ${CMAKE_BINARY_DIR}/packaging/${DYGW_APP_ID}.metainfo.xml @ONLY)
install(FILES ${CMAKE_BINARY_DIR}/packaging/${DYGW_APP_ID}.desktop
        DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/applications)
install(FILES ${CMAKE_BINARY_DIR}/packaging/${DYGW_APP_ID}.metainfo.xml
        DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/metainfo)

# Icons: the SVG and its PNG renders (packaging/icons/render-icons.sh).
install(FILES ${PROJECT_SOURCE_DIR}/packaging/icons/dy-gateway.svg
        DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/icons/hicolor/scalable/apps)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/packaging/icons/hicolor/
        DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/icons/hicolor
        FILES_MATCHING PATTERN "dy-gateway.png")

# The headless gateway as a systemd service: installed, never enabled by the package.
install(FILES ${CMAKE_CURRENT_LIST_DIR}/dy-gateway.service DESTINATION lib/systemd/system)
install(FILES ${PROJECT_SOURCE_DIR}/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(FILES ${CMAKE_CURRENT_LIST_DIR}/env.example
        DESTINATION ${CMAKE_INSTALL_DOCDIR}/examples RENAME env)
install(FILES ${CMAKE_CURRENT_LIST_DIR}/dy-gateway.ini.example
        DESTINATION ${CMAKE_INSTALL_DOCDIR}/examples RENAME dy-gateway.ini)

set(CPACK_GENERATOR "DEB;TGZ")

set(CPACK_DEBIAN_PACKAGE_NAME "dy-gateway")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION "misc")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
set(CPACK_DEBIAN_COMPRESSION_TYPE "xz")
# Shared libraries come from dpkg-shlibdeps. What it cannot see is listed here: plugins
# that Qt loads at run time (the SQLite driver, WebP/TIFF readers), GStreamer (Qt
# Multimedia's camera and sound backend; -good has V4L2 and PulseAudio), a CJK font, and
# libsecret, which QtKeychain opens at run time for the Secret Service (the master key).
# (The xcb platform plugin is part of libqt6gui6 in Debian 12; qt6-qpa-plugins only has VNC.)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS
    "libqt6sql6-sqlite, qt6-image-formats-plugins, gstreamer1.0-plugins-base, \
gstreamer1.0-plugins-good, fonts-wqy-microhei | fonts-noto-cjk, libsecret-1-0")
# The window on Wayland without XWayland; Qt's own strings (dialog buttons) in Chinese.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "qt6-wayland, qt6-translations-l10n")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${CMAKE_CURRENT_LIST_DIR}/postinst ${CMAKE_CURRENT_LIST_DIR}/prerm)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
