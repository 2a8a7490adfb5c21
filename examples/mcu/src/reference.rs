//! Reference values of the benchmarks, computed on the host by the same functions
//! (src/benches.rs). Generated: run at the repository root
//! `cargo run --release --example mcu_reference > examples/mcu/src/reference.rs`;
//! do not edit.
#![allow(missing_docs, clippy::all)]

/// Reference values of the `full` profile.
pub mod full {
    /// Ground state: sites, sector dimension.
    pub const GROUND_N: usize = 12;
    pub const GROUND_DIM: usize = 924;
    /// Ground state: the instance's edges and fields.
    pub const GROUND_EDGES: [[u8; 2]; 18] = [[0, 3], [0, 4], [0, 11], [1, 6], [1, 7], [1, 9], [2, 3], [2, 4], [2, 8], [3, 4], [5, 6], [5, 8], [5, 10], [6, 9], [7, 10], [7, 11], [8, 11], [9, 10]];
    pub const GROUND_XI: [f64; 12] = [0.3601522305633892, 0.46216498909405823, 0.03247993532786353, -0.4685695576070501, -0.30677143840173227, 0.4190773817770269, 0.16789856717984009, -0.3527057341406843, 0.4924554242115816, -0.31717351031184327, -0.43803133204916966, 0.13279473054453117];
    /// Ground state: storage of the blocked operator, Lanczos workspace.
    pub const GROUND_INDICES: usize = 754;
    pub const GROUND_REALS: usize = 164;
    pub const GROUND_WORK: usize = 3734;
    /// Ground state: the host's energies and Lanczos steps.
    pub const GROUND_E0_F32: f32 = f32::from_bits(0xc07cffae) /* -3.9531054e0 */;
    pub const GROUND_E0_F64: f64 = f64::from_bits(0xc00f9ff5935bd01a) /* -3.953105117072494e0 */;
    pub const GROUND_STEPS_F32: usize = 35;
    pub const GROUND_STEPS_F64: usize = 48;
    /// Dense: sites, sector dimension, workspace.
    pub const DENSE_N: usize = 8;
    pub const DENSE_DIM: usize = 70;
    pub const DENSE_WORK: usize = 5964;
    /// Dense: the instance's edges and fields.
    pub const DENSE_EDGES: [[u8; 2]; 12] = [[0, 3], [0, 6], [0, 7], [1, 2], [1, 4], [1, 7], [2, 3], [2, 5], [3, 7], [4, 5], [4, 6], [5, 6]];
    pub const DENSE_XI: [f64; 8] = [0.16238941781909222, -0.39968556067817773, 0.15151486740066455, -0.3343278742437982, -0.29464201380743715, 0.4547827696991559, 0.34715590171146293, 0.07344636624978107];
    /// Dense: the host's levels and mid-band gap ratios.
    pub const DENSE_LEVELS_F32: [u32; 70] = [0xc00b3c1f, 0xbffd454d, 0xbff59a6d, 0xbfcc99de, 0xbfa7b4c9, 0xbfa70dd5, 0xbf9e49fc, 0xbf937a2e, 0xbf8e09bc, 0xbf85e46f, 0xbf818b13, 0xbf726910, 0xbf6db766, 0xbf698bfa, 0xbf4427d5, 0xbf41be64, 0xbf378120, 0xbf281192, 0xbf23d69c, 0xbf201049, 0xbf18193d, 0xbf0b1305, 0xbef4cc55, 0xbee51520, 0xbeddcf62, 0xbec554c6, 0xbebd1d78, 0xbeae17dd, 0xbe9c1300, 0xbe8269e5, 0xbe743cb8, 0xbe17f89e, 0xbdaf281a, 0xbd9fe5b4, 0xbd6ff78b, 0x3d5b9003, 0x3d9ee098, 0x3dda842a, 0x3e1f59ec, 0x3e7208d0, 0x3e82130c, 0x3ea0546a, 0x3eaad334, 0x3ec15f25, 0x3ec7d914, 0x3edb2a67, 0x3ee37133, 0x3f01ecfc, 0x3f05f294, 0x3f1506e9, 0x3f1a6e99, 0x3f1e4e9c, 0x3f2d28b4, 0x3f3b0677, 0x3f45baba, 0x3f471e79, 0x3f67477a, 0x3f69adab, 0x3f72c14b, 0x3f7e4493, 0x3f880a81, 0x3f8d1525, 0x3f95ac40, 0x3f9f26b7, 0x3fa491c0, 0x3fa8787a, 0x3fcb0521, 0x3ff756b9, 0x3ffd1f17, 0x400a02a4];
    pub const DENSE_LEVELS_F64: [u64; 70] = [0xc0016784824d8fb8, 0xbfffa8abb7a53196, 0xbffeb34d460789d0, 0xbff9933b74795b37, 0xbff4f6996fd0229c, 0xbff4e1babaacee1e, 0xbff3c940cc7ed9a1, 0xbff26f459c70d7d3, 0xbff1c137c7979c4e, 0xbff0bc8e7c15c1ab, 0xbff03161f7c731d7, 0xbfee4d21342d8b2d, 0xbfedb6ec968bd17b, 0xbfed3180565dbf1e, 0xbfe884fac3981c8e, 0xbfe837cc936a534d, 0xbfe6f023a94bf026, 0xbfe502329d6710c3, 0xbfe47ad3a163cb91, 0xbfe4020934dcdf66, 0xbfe30327ab299b97, 0xbfe16260ce964b6a, 0xbfde998a6c534638, 0xbfdca2a4010102b2, 0xbfdbb9eca9a3ca08, 0xbfd8aa98cfa6cda7, 0xbfd7a3afca87b5f4, 0xbfd5c2fb89320ae3, 0xbfd382600aa84c56, 0xbfd04d3cd4258dea, 0xbfce8796fa2e26f5, 0xbfc2ff13da9c725a, 0xbfb5e50188e40e72, 0xbfb3fcb599f39139, 0xbfadfeeec40d546d, 0x3fab71fa73bc8ca8, 0x3fb3dc12b5fd1346, 0x3fbb50827d6364d1, 0x3fc3eb3cfe718abd, 0x3fce411b77f8855c, 0x3fd042611b4bdadb, 0x3fd40a8d81106481, 0x3fd55a6747dfa2e2, 0x3fd82be4f280bf11, 0x3fd8fb21ac7d41d1, 0x3fdb654ce614b317, 0x3fdc6e264aabd674, 0x3fe03d9f2447460c, 0x3fe0be52168edc65, 0x3fe2a0dceaff7e6a, 0x3fe34dd32a501220, 0x3fe3c9d40f9260f6, 0x3fe5a516a8367542, 0x3fe760cec15ec4b4, 0x3fe8b755972c5dbf, 0x3fe8e3cf7a8f2b7e, 0x3fece8ef68ef7698, 0x3fed35b62b725bc4, 0x3fee582a4e8d4724, 0x3fefc892d0b2583c, 0x3ff1014fe73261c4, 0x3ff1a2a4d6119e67, 0x3ff2b589867beeec, 0x3ff3e4d69bcb1cdb, 0x3ff49237c808c92e, 0x3ff50f10413a5194, 0x3ff960a65f17f6f2, 0x3ffeead762f5e588, 0x3fffa3e4dd4adaa7, 0x40014053920f115c];
    pub const DENSE_R_F32: f32 = f32::from_bits(0x3ede3c5f) /* 4.3405434e-1 */;
    pub const DENSE_R_F64: f64 = f64::from_bits(0x3fdbc78d1ab47acf) /* 4.3405463798437166e-1 */;
    pub const DENSE_RATIOS: usize = 50;
    /// Cavity: population, workspace, the host's typical growth rates.
    pub const CAVITY_MEMBERS: usize = 1024;
    pub const CAVITY_WORK: usize = 2048;
    pub const CAVITY_RATE_F32: f32 = f32::from_bits(0x3f919c8a) /* 1.1375897e0 */;
    pub const CAVITY_RATE_F64: f64 = f64::from_bits(0x3ff23391506cc047) /* 1.1375897542566393e0 */;
    /// Bases: sites, sector dimension, Lin tables, the host's checksum.
    pub const BASES_N: usize = 16;
    pub const BASES_DIM: usize = 12870;
    pub const BASES_LIN: usize = 512;
    pub const BASES_CHECKSUM: u64 = 0x0000033bec9df2d1;
}

/// Reference values of the `small` profile.
pub mod small {
    /// Ground state: sites, sector dimension.
    pub const GROUND_N: usize = 10;
    pub const GROUND_DIM: usize = 252;
    /// Ground state: the instance's edges and fields.
    pub const GROUND_EDGES: [[u8; 2]; 15] = [[0, 2], [0, 4], [0, 5], [1, 2], [1, 3], [1, 7], [2, 4], [3, 6], [3, 9], [4, 5], [5, 8], [6, 7], [6, 8], [7, 9], [8, 9]];
    pub const GROUND_XI: [f64; 10] = [0.06987021083351974, -0.2241360905294325, 0.2903757224667711, -0.016168164110319183, 0.17661752149095922, -0.16125023971762875, 0.011354345366707208, -0.15625211111945925, -0.07064273755386519, -0.300316851833874];
    /// Ground state: storage of the blocked operator, Lanczos workspace.
    pub const GROUND_INDICES: usize = 385;
    pub const GROUND_REALS: usize = 94;
    pub const GROUND_WORK: usize = 1718;
    /// Ground state: the host's energies and Lanczos steps.
    pub const GROUND_E0_F32: f32 = f32::from_bits(0xbfd3f014) /* -1.6557641e0 */;
    pub const GROUND_E0_F64: f64 = f64::from_bits(0xbffa7e02c40d8510) /* -1.65576435645227e0 */;
    pub const GROUND_STEPS_F32: usize = 29;
    pub const GROUND_STEPS_F64: usize = 47;
    /// Dense: sites, sector dimension, workspace.
    pub const DENSE_N: usize = 6;
    pub const DENSE_DIM: usize = 20;
    pub const DENSE_WORK: usize = 680;
    /// Dense: the instance's edges and fields.
    pub const DENSE_EDGES: [[u8; 2]; 9] = [[0, 1], [0, 3], [0, 4], [1, 3], [1, 5], [2, 3], [2, 4], [2, 5], [4, 5]];
    pub const DENSE_XI: [f64; 6] = [0.17661752149095922, -0.16125023971762875, 0.011354345366707208, -0.15625211111945925, -0.07064273755386519, -0.300316851833874];
    /// Dense: the host's levels and mid-band gap ratios.
    pub const DENSE_LEVELS_F32: [u32; 20] = [0xbf6175f0, 0xbf3da6b0, 0xbf11712a, 0xbef9560b, 0xbea84e0b, 0xbe9c38c2, 0xbe65fd82, 0xbe3d2485, 0xbd7918c5, 0xbc9f9fcb, 0xbba1fc65, 0x3d360138, 0x3e4c1ea2, 0x3e6d2232, 0x3ea7a694, 0x3eb8dd35, 0x3efa3d79, 0x3f12be5b, 0x3f41027f, 0x3f53457d];
    pub const DENSE_LEVELS_F64: [u64; 20] = [0xbfec2ebf2ecedad1, 0xbfe7b4d5fc1b1d09, 0xbfe22e256f15746d, 0xbfdf2ac21162b631, 0xbfd509c1d7eea9dc, 0xbfd387187049c0bf, 0xbfccbfb0d9cf678d, 0xbfc7a4918c4b4f87, 0xbfaf23194b4690e8, 0xbf93f3fcf947214d, 0xbf743f8b5b229cea, 0x3fa6c0290a3640d9, 0x3fc983d41f7cacd1, 0x3fcda4472399dd67, 0x3fd4f4d2b75c58f1, 0x3fd71ba7398fbafd, 0x3fdf47af14b1ab16, 0x3fe257cbc49549fc, 0x3fe82050bff8ad2d, 0x3fea68af8ac2b477];
    pub const DENSE_R_F32: f32 = f32::from_bits(0x3ea92e30) /* 3.304305e-1 */;
    pub const DENSE_R_F64: f64 = f64::from_bits(0x3fd525c88dafd5cd) /* 3.304311164532379e-1 */;
    pub const DENSE_RATIOS: usize = 10;
    /// Cavity: population, workspace, the host's typical growth rates.
    pub const CAVITY_MEMBERS: usize = 1024;
    pub const CAVITY_WORK: usize = 2048;
    pub const CAVITY_RATE_F32: f32 = f32::from_bits(0x3f919c8a) /* 1.1375897e0 */;
    pub const CAVITY_RATE_F64: f64 = f64::from_bits(0x3ff23391506cc047) /* 1.1375897542566393e0 */;
    /// Bases: sites, sector dimension, Lin tables, the host's checksum.
    pub const BASES_N: usize = 16;
    pub const BASES_DIM: usize = 12870;
    pub const BASES_LIN: usize = 512;
    pub const BASES_CHECKSUM: u64 = 0x0000033bec9df2d1;
}
