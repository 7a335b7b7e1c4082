  DeleteRegKey HKLM "Software\Classes\MailTopo.Design"
  DeleteRegValue HKLM "Software\Classes\.mailtopo" ""
  DeleteRegValue HKLM "Software\Classes\.mailtopo" "Content Type"
  DeleteRegKey /ifempty HKLM "Software\Classes\.mailtopo"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
