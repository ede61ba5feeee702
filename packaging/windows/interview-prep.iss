; Inno Setup script: a Windows installer for the PyInstaller bundle.
;
;   python scripts\dev.py setup        (.venv = the locked set, requirements.lock)
;   .venv\Scripts\pyinstaller --noconfirm --clean packaging\pyinstaller\interview-prep.spec
;   iscc /DAppVersion=0.1.0 packaging\windows\interview-prep.iss
;
; Installs per user (no administrator rights needed) into %LOCALAPPDATA%\Programs, adds a
; Start-menu entry (and an optional desktop icon) and an uninstaller. The uninstaller
; removes the program only: the data folder (%LOCALAPPDATA%\interview-prep, with the
; database and your banks) is kept, so reinstalling finds your history.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId={{5E0F5D0B-2E4B-4C7E-9E57-2F2B8B1A6C31}
AppName=Interview Prep
AppVersion={#AppVersion}
AppPublisher=Interview Prep developers
DefaultDirName={autopf}\Interview Prep
DefaultGroupName=Interview Prep
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
OutputDir=..\..\dist
OutputBaseFilename=interview-prep-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
UninstallDisplayIcon={app}\interview-prep.exe
SetupIconFile=interview-prep.ico
ArchitecturesInstallIn64BitMode=x64compatible

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "..\..\dist\interview-prep\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\Interview Prep"; Filename: "{app}\interview-prep.exe"
Name: "{group}\Uninstall Interview Prep"; Filename: "{uninstallexe}"
Name: "{autodesktop}\Interview Prep"; Filename: "{app}\interview-prep.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\interview-prep.exe"; Description: "{cm:LaunchProgram,Interview Prep}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete] entry for the data folder: uninstalling keeps your history.
