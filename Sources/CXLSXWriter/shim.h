#pragma once
// libxlsxwriter, the C library that writes .xlsx workbooks (Debian: libxlsxwriter-dev).
#include <xlsxwriter.h>
