# Installing and packaging dy-gateway: install() rules per platform, then CPack.
# Included from the top-level CMakeLists.txt once the dy-gateway target exists.
#
#   Linux    cpack -G DEB, cpack -G TGZ  (linux/Linux.cmake)
#   Windows  cpack -G NSIS               (windows/Windows.cmake: windeployqt at install time)
#   macOS    cpack -G DragNDrop          (macos/MacOS.cmake: app bundle, macdeployqt)
#
# The version everywhere is project(VERSION). Translations need no install rule: the .qm
# files are compiled into the executable (qt_add_translations in ui/CMakeLists.txt).

include(GNUInstallDirs)

# The date of this release in the AppStream metadata: the day of configuring, or
# SOURCE_DATE_EPOCH when set (reproducible builds).
string(TIMESTAMP DYGW_RELEASE_DATE "%Y-%m-%d" UTC)

if(WIN32)
    include(${CMAKE_CURRENT_LIST_DIR}/windows/Windows.cmake)
elseif(APPLE)
    include(${CMAKE_CURRENT_LIST_DIR}/macos/MacOS.cmake)
else()
    include(${CMAKE_CURRENT_LIST_DIR}/linux/Linux.cmake)
endif()

set(CPACK_PACKAGE_NAME "dy-gateway")
set(CPACK_PACKAGE_VENDOR "dy-gateway")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_CONTACT "dy-gateway developers <dy-gateway@example.invalid>")
set(CPACK_PACKAGE_HOMEPAGE_URL "${PROJECT_HOMEPAGE_URL}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
# Lines under 80 columns: the .deb shows them as they are.
set(CPACK_PACKAGE_DESCRIPTION
"dy-gateway verifies Douyin (抖音) group-buying coupons at a store's till: scan
the customer's QR code with a camera or a scanner gun, check the coupon and
confirm. Every verification is recorded, with daily summaries and CSV export.

It also serves a signed HTTP API on the store's LAN for other devices, and runs
without a window as a service (dy-gateway --headless) on a back-office machine.")
# No version in the install directory or registry key: an update replaces the installed one.
set(CPACK_PACKAGE_INSTALL_DIRECTORY "dy-gateway")
set(CPACK_PACKAGE_INSTALL_REGISTRY_KEY "dy-gateway")
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGE_CHECKSUM SHA256)
# Values reach the generators exactly as written here (NSIS commands keep their quotes and
# backslashes).
set(CPACK_VERBATIM_VARIABLES ON)

include(CPack)
