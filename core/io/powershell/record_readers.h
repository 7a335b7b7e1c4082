#pragma once
// Internal to the PowerShell importer: one reader per cmdlet. Each turns one exported object
// into observations (observations.h) and reports what it could not read. They return whether
// the object contributed anything.

#include "core/io/powershell/record_reading.h"

namespace mailtopo::io::powershell::detail {

// Dispatches on record.cmdlet().
bool readRecord(Record& record);

// Exchange (exchange_readers.cpp)
bool readExchangeServer(Record& r);
bool readReceiveConnector(Record& r);
bool readSendConnector(Record& r);
bool readTransportConfig(Record& r);
bool readAcceptedDomain(Record& r);
bool readAdPermission(Record& r);

// Windows networking, CIM (network_readers.cpp)
bool readNetIPAddress(Record& r);
bool readNetIPInterface(Record& r);
bool readNetAdapter(Record& r);
bool readNetRoute(Record& r);
bool readDnsClientServerAddress(Record& r);

// The observed server for `name`, created on first mention. Exchange spells server names the
// way the admin typed them, so an Exchange mention replaces a spelling taken from CIM data.
ObservedServer& observeServer(ImportSet& set, std::string_view name, bool fromExchange,
                              const std::string& file);

// How an exported object was shaped, for the file's variant line in the log.
std::string exchangeForm(JsonValue record);  // "Exchange Management Shell object form" …
std::string cimForm(JsonValue record);       // "CIM, enums as integers" …

}  // namespace mailtopo::io::powershell::detail
