// C++17: the header compiles with -Wall -Wextra -Werror -pedantic and one call runs.
#include <cstdio>
#include <cstring>

#include "pseudospin.h"

int main() {
    std::size_t dim = 0;
    const int status = ps_sector_dim(16, 8, &dim);
    std::printf("ps_sector_dim(16, 8) = %zu (%s), version %d\n", dim, ps_status_name(status),
                ps_version_number());
    if (status != PS_OK || dim != 12870) return 1;
    if (std::strcmp(ps_status_name(PS_NO_CONVERGENCE), "no_convergence") != 0) return 1;
    return 0;
}
