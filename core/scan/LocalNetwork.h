// LocalNetwork: the subnet of this machine's primary IPv4 interface, the dashboard's default target.
#pragma once

#include <QString>

namespace lanwatch::scan {

// "192.168.1.0/24" for the interface of the default route (else the first up, non-loopback interface
// with an IPv4 address); empty when there is none. Subnets larger than /16 are narrowed to the /24
// around the address, so the default never starts a huge scan.
QString primarySubnet();

} // namespace lanwatch::scan
