# Windows: dy-gateway.exe with its icon and version resource, Qt deployed next to it by
# windeployqt when installing (so also inside cpack), and the NSIS installer.
#
#   cmake -S . -B build -DCMAKE_PREFIX_PATH=C:/Qt/6.4.3/msvc2019_64
#   cmake --build build --config Release
#   cd build && cpack -G NSIS -C Release        -> dy-gateway-<version>-win64.exe

# A GUI program: no console window behind the till screen (main.cpp attaches to the parent
# console for the command-line modes).
set_target_properties(dy-gateway PROPERTIES WIN32_EXECUTABLE ON)

set(DYGW_WINDOWS_ICON ${CMAKE_CURRENT_LIST_DIR}/dy-gateway.ico)
configure_file(${CMAKE_CURRENT_LIST_DIR}/dy-gateway.rc.in
               ${CMAKE_BINARY_DIR}/packaging/dy-gateway.rc @ONLY)
target_sources(dy-gateway PRIVATE ${CMAKE_BINARY_DIR}/packaging/dy-gateway.rc)

install(TARGETS dy-gateway RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

# Qt DLLs, plugins (platform, SQLite, multimedia, TLS, image formats) and Qt's own
# translations: windeployqt runs on the installed exe and writes bin/qt.conf.
qt_generate_deploy_app_script(TARGET dy-gateway FILENAME_VARIABLE DYGW_DEPLOY_SCRIPT
                              NO_UNSUPPORTED_PLATFORM_ERROR)
install(SCRIPT ${DYGW_DEPLOY_SCRIPT})

# The compiler's runtime DLLs, app-local.
set(CMAKE_INSTALL_SYSTEM_RUNTIME_DESTINATION ${CMAKE_INSTALL_BINDIR})
include(InstallRequiredSystemLibraries)

# What windeployqt does not deploy: OpenSSL (libcrypto is linked; Qt's TLS backend loads
# libssl) and ZXing when it is a DLL.
get_filename_component(DYGW_OPENSSL_ROOT "${OPENSSL_INCLUDE_DIR}" DIRECTORY)
foreach(dll libcrypto-3-x64.dll libssl-3-x64.dll)
    string(MAKE_C_IDENTIFIER "DYGW_${dll}" var)
    find_file(${var} ${dll} HINTS ${DYGW_OPENSSL_ROOT}/bin ${DYGW_OPENSSL_ROOT} NO_DEFAULT_PATH)
    if(${var})
        install(FILES ${${var}} DESTINATION ${CMAKE_INSTALL_BINDIR})
    else()
        message(WARNING "${dll} not found under ${DYGW_OPENSSL_ROOT}: the installer will lack it")
    endif()
endforeach()
# QtKeychain (the master key in Credential Manager) is not a Qt module either.
get_target_property(DYGW_KEYCHAIN_TARGET Qt6Keychain::Qt6Keychain ALIASED_TARGET)
if(NOT DYGW_KEYCHAIN_TARGET)
    set(DYGW_KEYCHAIN_TARGET Qt6Keychain::Qt6Keychain)
endif()
get_target_property(DYGW_KEYCHAIN_TYPE ${DYGW_KEYCHAIN_TARGET} TYPE)
if(DYGW_KEYCHAIN_TYPE STREQUAL "SHARED_LIBRARY")
    install(IMPORTED_RUNTIME_ARTIFACTS ${DYGW_KEYCHAIN_TARGET} RUNTIME
            DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()
get_target_property(DYGW_ZXING_TYPE ZXing::ZXing TYPE)
if(DYGW_ZXING_TYPE STREQUAL "SHARED_LIBRARY")
    install(IMPORTED_RUNTIME_ARTIFACTS ZXing::ZXing RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()

set(CPACK_GENERATOR "NSIS")
set(CPACK_NSIS_PACKAGE_NAME "dy-gateway ${PROJECT_VERSION}")
set(CPACK_NSIS_DISPLAY_NAME "dy-gateway")
set(CPACK_NSIS_INSTALL_ROOT "$PROGRAMFILES64")
set(CPACK_NSIS_MUI_ICON ${DYGW_WINDOWS_ICON})
set(CPACK_NSIS_MUI_UNIICON ${DYGW_WINDOWS_ICON})
set(CPACK_NSIS_INSTALLED_ICON_NAME "bin\\dy-gateway.exe")
set(CPACK_NSIS_URL_INFO_ABOUT "${PROJECT_HOMEPAGE_URL}")
set(CPACK_NSIS_CONTACT "dy-gateway@example.invalid")
set(CPACK_NSIS_MANIFEST_DPI_AWARE ON)
# No licence has been chosen for the project: no licence page.
set(CPACK_NSIS_IGNORE_LICENSE_PAGE ON)
# An update (a newer installer) first removes the installed version; settings and data
# (%LOCALAPPDATA%\dy-gateway, %APPDATA%\dy-gateway) are not touched.
set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
# Start menu: <folder>\dy-gateway.lnk -> bin\dy-gateway.exe (plus the uninstaller).
set(CPACK_PACKAGE_EXECUTABLES "dy-gateway" "dy-gateway")

# The firewall note, on the welcome page, and the rule it announces. Store devices call the
# LAN API (TCP 8780 by default; the port is a setting), so dy-gateway.exe may accept
# connections on private and domain networks, never on public ones.
set(CPACK_NSIS_DEFINES [=[
  !define MUI_WELCOMEPAGE_TEXT "Setup will install dy-gateway ${VERSION}: Douyin coupon verification for the store's till.$\r$\n$\r$\nOther devices in the store reach dy-gateway's LAN API on TCP port 8780. Setup adds the Windows Firewall rule $\"dy-gateway LAN API$\", which lets dy-gateway.exe accept connections on private and domain networks (not on public ones). Uninstalling removes the rule.$\r$\n$\r$\nClick Next to continue."
]=])
set(CPACK_NSIS_EXTRA_INSTALL_COMMANDS [=[
  nsExec::ExecToLog 'netsh advfirewall firewall delete rule name="dy-gateway LAN API"'
  Pop $0
  nsExec::ExecToLog 'netsh advfirewall firewall add rule name="dy-gateway LAN API" dir=in action=allow program="$INSTDIR\bin\dy-gateway.exe" protocol=TCP profile=private,domain enable=yes'
  Pop $0
]=])
set(CPACK_NSIS_EXTRA_UNINSTALL_COMMANDS [=[
  nsExec::ExecToLog 'netsh advfirewall firewall delete rule name="dy-gateway LAN API"'
  Pop $0
]=])
