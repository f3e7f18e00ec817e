#if canImport(Glibc)
import Glibc
#endif

/// The system's groups, as far as a socket file's group is concerned.
public enum UnixGroup {
    public static func exists(_ name: String) -> Bool {
        getgrnam(name) != nil
    }

    /// The id to give a file to, or nil when this process may not: root may give a file to any
    /// group, anyone else only to a group they are in.
    static func assignableID(_ name: String) throws(SocketError) -> gid_t? {
        guard let entry = getgrnam(name) else { throw .unknownGroup(name) }
        let gid = entry.pointee.gr_gid
        if geteuid() == 0 || getegid() == gid { return gid }
        var groups = [gid_t](repeating: 0, count: Int(getgroups(0, nil)))
        let count = getgroups(Int32(groups.count), &groups)
        return groups.prefix(Int(max(count, 0))).contains(gid) ? gid : nil
    }
}
