# CPack: `cpack` in a build directory makes the platform's package from the install rules.
#   Linux    a .deb (built, installed and smoke-tested in CI: packaging/linux/check-deb.sh)
#   Windows  an NSIS installer with Start menu entries and the .mailtopo file association
#   macOS    a drag-and-drop DMG holding MailTopo.app (the bundle declares .mailtopo)
# The Windows and macOS configurations cannot be built here; packaging/README.md gives the
# steps and what each setting is for.

set(CPACK_PACKAGE_NAME "mailtopo")
set(CPACK_PACKAGE_VENDOR "MailTopo")
set(CPACK_PACKAGE_CONTACT "MailTopo maintainers <maintainers@mailtopo.example>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
string(CONCAT CPACK_PACKAGE_DESCRIPTION
  "MailTopo draws or imports (from PowerShell JSON exports) Exchange and SMTP mail "
  "topologies: servers, NICs with several addresses, SNAT/DSR load balancers, firewalls "
  "with NAT, receive and send connectors. It traces SMTP flows hop by hop and reports open "
  "relays, asymmetric paths, coexistence breakage and DNS/SPF problems, in the GUI, as PDF "
  "reports, and headless from mailtopo-cli for CI pipelines.")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_HOMEPAGE_URL "${PROJECT_HOMEPAGE_URL}")
set(CPACK_PACKAGE_INSTALL_DIRECTORY "MailTopo")
set(CPACK_PACKAGE_EXECUTABLES "mailtopo;MailTopo")
set(CPACK_STRIP_FILES ON)

if(UNIX AND NOT APPLE)
  set(CPACK_GENERATOR "DEB")
  set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
  set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # mailtopo_0.1.0_amd64.deb
  set(CPACK_DEBIAN_PACKAGE_SECTION "net")
  set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
  # Library dependencies come from dpkg-shlibdeps; the Qt platform plugins and the fonts
  # the report is laid out with are loaded at run time, so they are named here.
  set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
  set(CPACK_DEBIAN_PACKAGE_DEPENDS "qt6-qpa-plugins, fonts-dejavu-core")
  # Their triggers register the MIME type and the desktop entry.
  set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "shared-mime-info, desktop-file-utils")
elseif(WIN32)
  set(CPACK_GENERATOR "NSIS")
  set(CPACK_NSIS_DISPLAY_NAME "MailTopo ${PROJECT_VERSION}")
  set(CPACK_NSIS_PACKAGE_NAME "MailTopo")
  set(CPACK_NSIS_URL_INFO_ABOUT "${PROJECT_HOMEPAGE_URL}")
  set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
  set(CPACK_NSIS_INSTALLED_ICON_NAME "bin\\\\mailtopo.exe")
  set(CPACK_NSIS_MUI_ICON "${PROJECT_SOURCE_DIR}/packaging/windows/mailtopo.ico")
  set(CPACK_NSIS_MUI_UNIICON "${PROJECT_SOURCE_DIR}/packaging/windows/mailtopo.ico")
  set(CPACK_NSIS_MODIFY_PATH ON)  # offers to put mailtopo-cli on PATH
  # .mailtopo opens in MailTopo (double-click), removed again on uninstall.
  file(READ "${PROJECT_SOURCE_DIR}/packaging/windows/file-association-install.nsi"
       CPACK_NSIS_EXTRA_INSTALL_COMMANDS)
  file(READ "${PROJECT_SOURCE_DIR}/packaging/windows/file-association-uninstall.nsi"
       CPACK_NSIS_EXTRA_UNINSTALL_COMMANDS)
elseif(APPLE)
  set(CPACK_GENERATOR "DragNDrop")
  set(CPACK_DMG_VOLUME_NAME "MailTopo ${PROJECT_VERSION}")
  set(CPACK_DMG_FORMAT "UDZO")
endif()

include(CPack)
