package io.github.pbxredundancy.core;

/**
 * What a node runs on. Warm standby is offered only for hardware appliances and virtual
 * machines, never in the cloud (R3): a cloud instance cannot take over a LAN address.
 */
public enum Platform {
    /** A vendor appliance or a server in the customer's rack. */
    HARDWARE_APPLIANCE,
    /** A virtual machine on the customer's own hypervisor. */
    VIRTUAL_MACHINE,
    /** An instance hosted by the vendor or a cloud provider. */
    CLOUD
}
