// zbar's types and constants only: StandDrivers looks the functions up at run time
// (ZBarLibrary), so nothing links libzbar.
#include <zbar.h>
