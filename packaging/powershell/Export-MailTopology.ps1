<#
.SYNOPSIS
    Writes the Exchange and Windows networking configuration that MailTopo imports as JSON files
    into one folder.

.DESCRIPTION
    Run this script in the Exchange Management Shell. It writes one file per cmdlet:

      exchange-servers.json               Get-ExchangeServer
      receive-connectors.json             Get-ReceiveConnector (all servers, or -Server)
      receive-connector-permissions.json  Get-ReceiveConnector | Get-ADPermission
      send-connectors.json                Get-SendConnector
      transport-config.json               Get-TransportConfig
      accepted-domains.json               Get-AcceptedDomain

    and, for every server, the network configuration MailTopo needs to work out source addresses,
    host models and routes:

      <SERVER>.net-ipaddress.json         Get-NetIPAddress
      <SERVER>.net-ipinterface.json       Get-NetIPInterface
      <SERVER>.net-adapter.json           Get-NetAdapter
      <SERVER>.net-route.json             Get-NetRoute
      <SERVER>.dns-client.json            Get-DnsClientServerAddress

    The network cmdlets run through a CIM session to each server (WinRM, the same channel the
    Exchange Management Shell uses). When a server cannot be reached that way, run the script on
    the server itself with -SkipExchange -Server $env:COMPUTERNAME and copy its files into the
    same folder.

    Every file is written with ConvertTo-Json -Depth 6 as UTF-8 without a byte order mark, always
    as a JSON array. Values that ConvertTo-Json cannot write readably are added as text: receive
    connector bindings and remote IP ranges, InternalSMTPServers and SourceIPAddress (an IPv6
    address object has no readable member), and MaxMessageSize in bytes (a ByteQuantifiedSize has
    no public property). The CIM class metadata (CimClass, CimInstanceProperties) is left out.

    The script only reads. It makes no network connection beyond the cmdlets themselves, and it
    writes nothing outside the output folder. Import the folder with:

      mailtopo-cli import <OutputFolder> -o organisation.mailtopo

.PARAMETER OutputFolder
    The folder to write the files to. It is created if missing; existing files of the same names
    are replaced.

.PARAMETER Server
    The servers to collect. Default: every server Get-ExchangeServer lists. Receive connectors
    and network data are collected for these servers only; the organisation-wide objects (send
    connectors, transport config, accepted domains) are always collected.

.PARAMETER SkipExchange
    Collect only the network data (for a run on a server without the Exchange Management Shell).
    Then -Server is required.

.PARAMETER SkipNetwork
    Collect only the Exchange data.

.PARAMETER Credential
    Credentials for the CIM sessions to the servers. Default: the current user.

.EXAMPLE
    .\Export-MailTopology.ps1 -OutputFolder C:\Temp\mailtopo

    Collects everything for every Exchange server of the organisation.

.EXAMPLE
    .\Export-MailTopology.ps1 -OutputFolder C:\Temp\mailtopo -Server EX01, EX02

    Collects the organisation-wide objects, and connectors and network data of EX01 and EX02.

.EXAMPLE
    .\Export-MailTopology.ps1 -OutputFolder D:\mailtopo -SkipExchange -Server $env:COMPUTERNAME

    On one server without remote WinRM access: only that server's network data.

.NOTES
    Needs Windows PowerShell 5.1 or PowerShell 7 and, unless -SkipExchange, the Exchange
    Management Shell (Exchange 2010 or later). Reading Get-ADPermission needs the View-Only
    Organization Management role or more.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory = $true)]
    [string] $OutputFolder,

    [string[]] $Server,

    [switch] $SkipExchange,

    [switch] $SkipNetwork,

    [System.Management.Automation.PSCredential] $Credential
)

Set-StrictMode -Version 2.0
$ErrorActionPreference = 'Stop'

$JsonDepth = 6
$Utf8NoBom = New-Object System.Text.UTF8Encoding -ArgumentList $false

if ($SkipExchange -and -not $Server) {
    throw 'With -SkipExchange, name the servers to collect with -Server (for example -Server $env:COMPUTERNAME).'
}
if (-not (Test-Path -LiteralPath $OutputFolder)) {
    New-Item -ItemType Directory -Path $OutputFolder | Out-Null
}
$OutputFolder = (Resolve-Path -LiteralPath $OutputFolder).ProviderPath

# Writes the objects as one JSON array, UTF-8 without BOM. -InputObject keeps a single object in
# an array, so every file has the same shape.
function Write-MailTopoJson {
    param(
        [Parameter(Mandatory = $true)] [string] $FileName,
        [AllowNull()] [AllowEmptyCollection()] [object[]] $Objects
    )
    $path = Join-Path $OutputFolder $FileName
    if ($null -eq $Objects) { $Objects = @() }
    $json = ConvertTo-Json -InputObject @($Objects) -Depth $JsonDepth
    [System.IO.File]::WriteAllText($path, $json, $Utf8NoBom)
    Write-Verbose ("{0}: {1} object(s)" -f $FileName, @($Objects).Count)
}

# The size in bytes of a ByteQuantifiedSize or Unlimited<ByteQuantifiedSize>; $null for Unlimited
# or when the value is already text (a remote session), which the importer reads itself.
function Get-SizeInBytes {
    param([AllowNull()] $Value)
    if ($null -eq $Value) { return $null }
    try {
        if ($Value.PSObject.Properties['IsUnlimited'] -and $Value.IsUnlimited) { return $null }
        if ($Value.PSObject.Properties['Value'] -and $null -ne $Value.Value) { $Value = $Value.Value }
        if ($Value -is [string]) { return $null }
        return [long] $Value.ToBytes()
    } catch {
        return $null
    }
}

# Copies an object with all its properties, turning the named ones into text (a list stays a
# list of strings) and adding <Name>Bytes for the named sizes. Property names are kept, so the
# file reads like any other export of the cmdlet.
function ConvertTo-MailTopoRecord {
    param(
        [Parameter(Mandatory = $true, ValueFromPipeline = $true)] $InputObject,
        [string[]] $AsText = @(),
        [string[]] $SizeInBytes = @(),
        [string[]] $Exclude = @()
    )
    process {
        $record = [ordered]@{}
        foreach ($property in $InputObject.PSObject.Properties) {
            if ($Exclude -contains $property.Name) { continue }
            $value = $null
            try { $value = $property.Value } catch { $value = $null }
            if ($AsText -contains $property.Name -and $null -ne $value) {
                if ($value -is [System.Collections.IEnumerable] -and $value -isnot [string]) {
                    $value = @($value | ForEach-Object { $_.ToString() })
                } else {
                    $value = $value.ToString()
                }
            }
            $record[$property.Name] = $value
        }
        foreach ($name in $SizeInBytes) {
            if ($InputObject.PSObject.Properties[$name]) {
                $record[$name + 'Bytes'] = Get-SizeInBytes $InputObject.$name
            }
        }
        [pscustomobject] $record
    }
}

function Invoke-Collector {
    param([Parameter(Mandatory = $true)] [string] $What, [Parameter(Mandatory = $true)] [scriptblock] $Script)
    try {
        & $Script
    } catch {
        Write-Warning ("{0} was not collected: {1}" -f $What, $_.Exception.Message)
    }
}

# ---- Exchange ---------------------------------------------------------------------------------

if (-not $SkipExchange) {
    if (-not (Get-Command Get-ExchangeServer -ErrorAction SilentlyContinue)) {
        throw 'Get-ExchangeServer is not available: run this script in the Exchange Management Shell, or use -SkipExchange.'
    }
    $exchangeServers = @(Get-ExchangeServer)
    if ($Server) {
        $exchangeServers = @($exchangeServers | Where-Object { $Server -contains $_.Name })
    } else {
        $Server = @($exchangeServers | ForEach-Object { $_.Name })
    }

    Invoke-Collector 'Get-ExchangeServer' {
        Write-MailTopoJson 'exchange-servers.json' @($exchangeServers | ConvertTo-MailTopoRecord -AsText AdminDisplayVersion, Site)
    }

    $receiveConnectors = @()
    Invoke-Collector 'Get-ReceiveConnector' {
        $script:receiveConnectors = @(foreach ($name in $Server) { Get-ReceiveConnector -Server $name })
        Write-MailTopoJson 'receive-connectors.json' @($script:receiveConnectors |
                ConvertTo-MailTopoRecord -AsText Bindings, RemoteIPRanges, Server, Identity -SizeInBytes MaxMessageSize)
    }

    Invoke-Collector 'Get-ADPermission' {
        $aces = @($script:receiveConnectors | Get-ADPermission)
        Write-MailTopoJson 'receive-connector-permissions.json' @($aces |
                ConvertTo-MailTopoRecord -AsText Identity, User, ExtendedRights, AccessRights)
    }

    Invoke-Collector 'Get-SendConnector' {
        Write-MailTopoJson 'send-connectors.json' @(Get-SendConnector |
                ConvertTo-MailTopoRecord -AsText AddressSpaces, SmartHosts, SourceTransportServers, SourceIPAddress, Identity -SizeInBytes MaxMessageSize)
    }

    Invoke-Collector 'Get-TransportConfig' {
        Write-MailTopoJson 'transport-config.json' @(Get-TransportConfig |
                ConvertTo-MailTopoRecord -AsText InternalSMTPServers -SizeInBytes MaxReceiveSize, MaxSendSize)
    }

    Invoke-Collector 'Get-AcceptedDomain' {
        Write-MailTopoJson 'accepted-domains.json' @(Get-AcceptedDomain | ConvertTo-MailTopoRecord -AsText DomainName)
    }
}

# ---- Windows networking, per server -------------------------------------------------------------

if (-not $SkipNetwork) {
    $cimNoise = @('CimClass', 'CimInstanceProperties')
    foreach ($name in $Server) {
        $session = $null
        try {
            $isLocal = $name -eq $env:COMPUTERNAME -or $name -eq 'localhost' -or $name -eq '.'
            if (-not $isLocal) {
                $sessionArgs = @{ ComputerName = $name }
                if ($Credential) { $sessionArgs['Credential'] = $Credential }
                $session = New-CimSession @sessionArgs
            }
            $cim = @{}
            if ($session) { $cim['CimSession'] = $session }
            $prefix = $name.ToUpperInvariant()

            Invoke-Collector "Get-NetIPAddress on $name" {
                Write-MailTopoJson "$prefix.net-ipaddress.json" @(Get-NetIPAddress @cim | ConvertTo-MailTopoRecord -Exclude $cimNoise)
            }
            Invoke-Collector "Get-NetIPInterface on $name" {
                Write-MailTopoJson "$prefix.net-ipinterface.json" @(Get-NetIPInterface @cim | ConvertTo-MailTopoRecord -Exclude $cimNoise)
            }
            Invoke-Collector "Get-NetAdapter on $name" {
                Write-MailTopoJson "$prefix.net-adapter.json" @(Get-NetAdapter @cim | ConvertTo-MailTopoRecord -Exclude $cimNoise)
            }
            Invoke-Collector "Get-NetRoute on $name" {
                Write-MailTopoJson "$prefix.net-route.json" @(Get-NetRoute @cim | ConvertTo-MailTopoRecord -Exclude $cimNoise)
            }
            Invoke-Collector "Get-DnsClientServerAddress on $name" {
                Write-MailTopoJson "$prefix.dns-client.json" @(Get-DnsClientServerAddress @cim | ConvertTo-MailTopoRecord -Exclude $cimNoise)
            }
        } catch {
            Write-Warning ("The network data of {0} was not collected: {1}. Run this script on {0} with -SkipExchange -Server {0}." -f $name, $_.Exception.Message)
        } finally {
            if ($session) { Remove-CimSession -CimSession $session }
        }
    }
}

Write-Host ("MailTopo exports written to {0}. Import them with: mailtopo-cli import `"{0}`" -o organisation.mailtopo" -f $OutputFolder)
