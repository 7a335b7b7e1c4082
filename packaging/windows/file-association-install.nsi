  ; .mailtopo → MailTopo.Design, opened by mailtopo.exe "%1" (HKCR through HKLM\Software\Classes).
  WriteRegStr HKLM "Software\Classes\.mailtopo" "" "MailTopo.Design"
  WriteRegStr HKLM "Software\Classes\.mailtopo" "Content Type" "application/x-mailtopo"
  WriteRegStr HKLM "Software\Classes\MailTopo.Design" "" "MailTopo mail topology design"
  WriteRegStr HKLM "Software\Classes\MailTopo.Design\DefaultIcon" "" "$INSTDIR\bin\mailtopo.exe,0"
  WriteRegStr HKLM "Software\Classes\MailTopo.Design\shell\open\command" "" '"$INSTDIR\bin\mailtopo.exe" "%1"'
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
