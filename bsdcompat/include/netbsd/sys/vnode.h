/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The one vnode(9) call a NetBSD driver makes: vdevgone().
 *
 * The rules, as NetBSD states them, and where bsdcompat differs:
 *  - A driver's detach calls vdevgone() for its device's minors after it
 *    has woken its sleepers; on return no thread is in one of the
 *    device's entry points, and the driver may destroy what they use.
 *  - NetBSD also revokes the open files and calls d_close for them;
 *    bsdcompat's files stay open but every call on them fails with ENXIO
 *    and their close calls nothing in the driver.
 *  - bsdcompat waits for the device whose config_detach() is running; the
 *    numbers only say which device it is on NetBSD.
 */
#ifndef _BSDCOMPAT_NETBSD_SYS_VNODE_H_
#define _BSDCOMPAT_NETBSD_SYS_VNODE_H_

enum vtype { VNON, VREG, VDIR, VBLK, VCHR, VLNK, VSOCK, VFIFO, VBAD };

void netbsd_vdevgone(int maj, int minl, int minh, int type);

static inline void vdevgone(int maj, int minl, int minh, enum vtype type)
{
	netbsd_vdevgone(maj, minl, minh, type);
}

#endif /* _BSDCOMPAT_NETBSD_SYS_VNODE_H_ */
