#include "core/dns/ldns_util.h"

#include <cstdlib>

namespace mailtopo::dns::detail {

std::string rdfToString(const ldns_rdf* rdf) {
    if (rdf == nullptr)
        return {};
    char* text = ldns_rdf2str(rdf);
    if (text == nullptr)
        return {};
    std::string out(text);
    std::free(text);
    return out;
}

std::string dnameToText(const ldns_rdf* rdf) {
    std::string out;
    if (rdf == nullptr || ldns_rdf_get_type(rdf) != LDNS_RDF_TYPE_DNAME)
        return out;
    const uint8_t* data = ldns_rdf_data(rdf);
    const size_t size = ldns_rdf_size(rdf);
    size_t pos = 0;
    while (pos < size) {
        const size_t length = data[pos++];
        if (length == 0 || pos + length > size)
            break;
        if (!out.empty())
            out += '.';
        out.append(reinterpret_cast<const char*>(data + pos), length);
        pos += length;
    }
    return out;
}

namespace {

// The bytes of a character-string rdf (length octet first).
std::string characterString(const ldns_rdf* rdf) {
    const uint8_t* data = ldns_rdf_data(rdf);
    const size_t size = ldns_rdf_size(rdf);
    if (size == 0)
        return {};
    size_t length = data[0];
    if (length + 1 > size)
        length = size - 1;
    return std::string(reinterpret_cast<const char*>(data + 1), length);
}

}  // namespace

std::optional<DnsRecord> toDnsRecord(const ldns_rr* rr) {
    if (rr == nullptr || ldns_rr_owner(rr) == nullptr)
        return std::nullopt;
    DnsRecord record;
    record.name = dnameToText(ldns_rr_owner(rr));
    record.type = static_cast<RRType>(ldns_rr_get_type(rr));
    record.ttl = ldns_rr_ttl(rr);
    const size_t count = ldns_rr_rd_count(rr);
    for (size_t i = 0; i < count; ++i) {
        if (i > 0)
            record.rdata += ' ';
        record.rdata += rdfToString(ldns_rr_rdf(rr, i));
    }
    switch (record.type) {
        case RRType::A:
        case RRType::AAAA:
            if (count == 1)
                record.address = net::Address::parse(record.rdata);
            break;
        case RRType::MX:
            if (count == 2) {
                record.preference = ldns_rdf2native_int16(ldns_rr_rdf(rr, 0));
                record.target = dnameToText(ldns_rr_rdf(rr, 1));
            }
            break;
        case RRType::PTR:
        case RRType::CNAME:
        case RRType::NS:
            if (count == 1)
                record.target = dnameToText(ldns_rr_rdf(rr, 0));
            break;
        case RRType::TXT:
        case RRType::SPF:
            for (size_t i = 0; i < count; ++i) {
                record.strings.push_back(characterString(ldns_rr_rdf(rr, i)));
            }
            break;
        default:
            break;
    }
    return record;
}

}  // namespace mailtopo::dns::detail
